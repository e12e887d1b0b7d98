package tw.twpay.hub.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Set;
import tw.twpay.hub.ledger.SensitiveDataMasker;

/**
 * The log message ({@code %m}, {@code %msg}, {@code %message}; logback-spring.xml) with card numbers masked
 * ({@link SensitiveDataMasker}) and control characters escaped: one place, so no log statement has to remember to
 * clean what a caller sent (an order number, a header, a field, a card number where a reference belongs). The mask is
 * one pass over the message and copies nothing when it has no card number.
 * <p>
 * Spring Boot's own start-up reports (the "APPLICATION FAILED TO START" failure analysis and the condition report
 * notice) are laid out in lines; they are written before the hub serves anything, so they carry no caller input
 * and keep their line breaks. Every other control character in them is still escaped.
 */
public class SingleLineMessageConverter extends MessageConverter {

    /** Loggers whose messages are Spring Boot's multi-line start-up reports. */
    static final Set<String> START_UP_REPORTS = Set.of(
            "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter",
            "org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger");

    @Override
    public String convert(ILoggingEvent event) {
        String message = SensitiveDataMasker.mask(super.convert(event));
        if (START_UP_REPORTS.contains(event.getLoggerName())) {
            return LogText.escapeKeepingLineBreaks(message);
        }
        return LogText.escape(message);
    }
}
