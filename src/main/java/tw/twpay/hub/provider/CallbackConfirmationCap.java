package tw.twpay.hub.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Caps the gateway queries an order's unsigned callbacks make the hub send ({@link CallbackChannel#confirmation}):
 * whoever can post to a callback URL and name an order would otherwise spend the merchant's API quota with the
 * merchant's key. An order's callbacks get at most {@code cap} confirmations an hour (from the first one of the
 * hour); a callback beyond that is refused before the query, with the uniform refusal — nothing is stored, so nothing
 * is acknowledged — and the order is left to the gateway's next attempt and to the missed-notify poll, whose own
 * queries are not counted here. The counts are in the database ({@code callback_confirmation}), so every node and a
 * restart see them, and one statement takes a confirmation, so racing callbacks cannot exceed the cap.
 */
@Component("callbackConfirmationCap")
public class CallbackConfirmationCap {

    static final Duration HOUR = Duration.ofHours(1);

    private final String take = SqlStatements.load("callback/take-confirmation");
    private final String insert = SqlStatements.load("callback/insert-confirmation");

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public CallbackConfirmationCap(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts a confirmation about to be asked for the order's callback.
     *
     * @throws RejectedRequestException 400 when the order's callbacks have had {@code cap} confirmations this hour
     */
    public void take(ProviderId provider, String merchant, String orderNo, int cap) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        MapSqlParameterSource values = new MapSqlParameterSource()
                .addValue("provider", provider.code())
                .addValue("merchant", merchant)
                .addValue("orderNo", orderNo)
                .addValue("now", now)
                .addValue("hourOver", now.minus(HOUR))
                .addValue("cap", cap);
        if (!taken(values)) {
            throw RejectedRequestException.badRequest(provider.code() + " callbacks of order " + orderNo
                    + " of merchant " + merchant + " have used up their " + cap
                    + " confirmations of the hour: the gateway is not asked");
        }
    }

    private boolean taken(MapSqlParameterSource values) {
        if (jdbc.update(take, values) == 1) {
            return true;
        }
        try {
            return jdbc.update(insert, values) == 1;
        } catch (DuplicateKeyException e) {
            // the order's row is there: at its cap, or inserted meanwhile by a racing callback
            return jdbc.update(take, values) == 1;
        }
    }
}
