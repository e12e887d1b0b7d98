package tw.twpay.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/**
 * Messages reach the log on one line whatever they carry; Spring Boot's start-up reports keep their lines (they are
 * written before anything is served) with every other control character still escaped.
 */
class SingleLineMessageConverterTest {

    private static final String FORGED = "2026-11-26T00:00:00.000Z  INFO 1 --- [twpay-hub] forged : refund approved";
    private static final String FAILURE_REPORT = "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter";

    private static String converted(String logger, String message) {
        LoggerContext context = new LoggerContext();
        SingleLineMessageConverter converter = new SingleLineMessageConverter();
        converter.setContext(context);
        converter.start();
        return converter.convert(new LoggingEvent(SingleLineMessageConverterTest.class.getName(),
                context.getLogger(logger), Level.ERROR, message, null, null));
    }

    @Test
    void anyOtherLoggersMessageStaysOnOneLine() {
        assertThat(converted("tw.twpay.hub.callback", "order A1\r\n" + FORGED))
                .isEqualTo("order A1\\r\\n" + FORGED);
        // even a logger of Spring Boot's diagnostics package that is not the report
        assertThat(converted("org.springframework.boot.diagnostics.FailureAnalyzers", "a\nb")).isEqualTo("a\\nb");
    }

    @Test
    void theFailureReportKeepsItsLinesButNothingElse() {
        String report = "\n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\n"
                + "Description:\n\ntwpay-hub refused to start: invalid twpay.delivery.lease-ms\r\n\nAction:\n\nfix\u001b[31m";
        assertThat(converted(FAILURE_REPORT, report).lines())
                .contains("APPLICATION FAILED TO START", "Description:", "Action:",
                        "twpay-hub refused to start: invalid twpay.delivery.lease-ms")
                .contains("fix\\u001b[31m");
        assertThat(converted(FAILURE_REPORT, "a\rb\u2028c")).isEqualTo("a\\rb\\u2028c");
    }

    /** A card number that reaches a log line — in the message or an exception's — is masked, whoever quoted it. */
    @Test
    void cardNumbersAreMaskedInMessagesAndExceptionMessages() {
        assertThat(converted("tw.twpay.hub.web.ErrorResponses", "rejected POST /api/v1/cards/charges: 404 no card "
                + "4111111111111111\nforged")).isEqualTo("rejected POST /api/v1/cards/charges: 404 no card "
                + "411111******1111\\nforged");

        LoggerContext context = new LoggerContext();
        SingleLineThrowableConverter converter = new SingleLineThrowableConverter();
        converter.setContext(context);
        converter.start();
        String trace = converter.convert(new LoggingEvent(SingleLineMessageConverterTest.class.getName(),
                context.getLogger("tw.twpay.hub"), Level.ERROR, "failed", new IllegalStateException("card 4111 1111 "
                + "1111 1111", new IllegalArgumentException("card 5555-5555-5555-4444")), null));
        assertThat(trace).contains("card 411111******1111", "card 555555******4444")
                .doesNotContain("1111 1111 1111").doesNotContain("5555-5555-5555");
    }
}
