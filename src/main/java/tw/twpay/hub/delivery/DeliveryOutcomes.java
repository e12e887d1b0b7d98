package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;

/** Records how an outbox event's delivery ended: delivered, or dead-lettered with its last error. */
@Component("deliveryOutcomes")
public class DeliveryOutcomes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryProperties properties;

    private final String markDelivered = SqlStatements.load("delivery/mark-delivered");
    private final String markDead = SqlStatements.load("delivery/mark-dead");
    private final String insertDeadLetter = SqlStatements.load("delivery/insert-dead-letter");

    public DeliveryOutcomes(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
                            DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.properties = properties;
    }

    public void delivered(Exchange exchange) {
        long outboxId = exchange.getProperty(DeliveryExchange.OUTBOX_ID, Long.class);
        int redeliveries = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        jdbc.update(markDelivered, new MapSqlParameterSource()
                .addValue("id", outboxId)
                .addValue("attempts", redeliveries + 1)
                .addValue("now", OffsetDateTime.now(clock)));
        log.info("delivered event={} after {} attempt(s)", exchange.getProperty(DeliveryExchange.EVENT_ID),
                redeliveries + 1);
    }

    /** Dead-letter channel target: the event failed on every attempt. */
    public void deadLettered(Exchange exchange) {
        long outboxId = exchange.getProperty(DeliveryExchange.OUTBOX_ID, Long.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = describe(cause);
        int attempts = properties.maxRedeliveries() + 1;
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("id", outboxId)
                .addValue("attempts", attempts)
                .addValue("error", error)
                .addValue("now", OffsetDateTime.now(clock));
        transaction.executeWithoutResult(status -> {
            if (jdbc.update(markDead, row) == 1) {
                jdbc.update(insertDeadLetter, row);
            }
        });
        log.warn("dead-lettered event={} after {} attempts: {}", exchange.getProperty(DeliveryExchange.EVENT_ID),
                attempts, error);
    }

    /** The error as operators see it; endpoint credentials in URIs are masked. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        text = URISupport.sanitizeUri(text);
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
