package tw.twpay.hub.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import tw.twpay.hub.provider.CallbackAcknowledgement;

/**
 * An acknowledgement is written in the charset its own Content-Type names — the one its provider reads — else in
 * UTF-8, never in the charset the callback's request named (Camel's servlet encodes a text answer in the exchange's
 * charset, which is the request's).
 */
class CallbackAcknowledgementCharsetTest {

    private final CallbackPipeline pipeline = new CallbackPipeline(null);

    @Test
    void anAcknowledgementWithoutACharsetIsUtf8WhateverTheRequestNamed() {
        Exchange exchange = answered("UTF-16", new CallbackAcknowledgement(200, "application/json", "{\"訊息\":\"成功\"}"));
        assertThat(exchange.getProperty(Exchange.CHARSET_NAME)).isEqualTo("UTF-8");
        assertThat(exchange.getMessage().getBody(byte[].class))
                .isEqualTo("{\"訊息\":\"成功\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);

        Exchange text = answered("bogus", CallbackAcknowledgement.text("1|OK"));
        assertThat(text.getProperty(Exchange.CHARSET_NAME)).isEqualTo("UTF-8");
        assertThat(text.getMessage().getBody(byte[].class)).isEqualTo("1|OK".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAcknowledgementKeepsTheCharsetItsProviderReads() {
        Charset big5 = Charset.forName("Big5");
        Exchange exchange = answered("UTF-8",
                new CallbackAcknowledgement(200, "text/plain; charset=\"Big5\"", "交易成功"));
        assertThat(exchange.getProperty(Exchange.CHARSET_NAME)).isEqualTo(big5.name());
        assertThat(exchange.getMessage().getBody(byte[].class)).isEqualTo("交易成功".getBytes(big5));
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("text/plain; charset=\"Big5\"");
    }

    private Exchange answered(String requestCharset, CallbackAcknowledgement ack) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.CHARSET_NAME, requestCharset);
        exchange.getIn().setBody(ack);
        pipeline.respond(exchange);
        return exchange;
    }
}
