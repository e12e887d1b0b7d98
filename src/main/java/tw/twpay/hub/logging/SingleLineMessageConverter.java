package tw.twpay.hub.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message ({@code %m}, {@code %msg}, {@code %message}; logback-spring.xml) with control characters escaped:
 * one place, so no log statement has to remember to clean what a caller sent (an order number, a header, a field).
 */
public class SingleLineMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(super.convert(event));
    }
}
