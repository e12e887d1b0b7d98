package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;

/**
 * NDNP {@code Period} notifies the hub could not confirm when they came (nothing was stored for them): kept, as they
 * came (encrypted), until the gateway confirms them or the poll gives up. The missed-notify poll asks about them with
 * the same per-order pauses and per-merchant hourly cap as about NDNF orders ({@link NewebPayQueryThrottle}), after
 * {@code missed-notify-after} (NewebPay sends an unanswered notify again meanwhile) and not after
 * {@code missed-notify-give-up}.
 */
@Component("newebPayUnconfirmedPeriods")
public class NewebPayUnconfirmedPeriods {

    private static final Logger log = LoggerFactory.getLogger(NewebPayUnconfirmedPeriods.class);
    private static final int BATCH = 500;

    private final String insert = SqlStatements.load("newebpay/insert-unconfirmed-period");
    private final String find = SqlStatements.load("newebpay/find-unconfirmed-periods");
    private final String findOne = SqlStatements.load("newebpay/find-unconfirmed-period");
    private final String replace = SqlStatements.load("newebpay/replace-unconfirmed-period");
    private final String delete = SqlStatements.load("newebpay/delete-unconfirmed-period");
    private final String deleteStale = SqlStatements.load("newebpay/delete-stale-unconfirmed-periods");

    private final NamedParameterJdbcTemplate jdbc;
    private final NewebPayProperties properties;
    private final NewebPayMerchants merchants;
    private final NewebPayQueryThrottle throttle;
    private final Clock clock;

    public NewebPayUnconfirmedPeriods(NamedParameterJdbcTemplate jdbc, NewebPayProperties properties,
                                      NewebPayMerchants merchants, NewebPayQueryThrottle throttle, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.merchants = merchants;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * A Period notify that awaits its confirmation.
     *
     * @param merchant     the hub's merchant alias
     * @param tradeOrderNo the MerchantOrderNo the gateway files its trade under (what QueryTradeInfo asks about)
     * @param period       the Period field as it came, encrypted with the merchant's keys
     */
    public record Unconfirmed(String merchant, String tradeOrderNo, String period, OffsetDateTime receivedAt) {

        @Override
        public String toString() {
            return "Unconfirmed[" + merchant + ", " + tradeOrderNo + ", " + receivedAt + "]";
        }
    }

    /**
     * Keeps the notify until it is confirmed. One notify is kept per trade order: the gateway's retry of the kept one
     * changes nothing; another notify of the order (a failed period authorised again in NewebPay's back office,
     * 定期定額委託單再次授權: a new trade of the same {@code MerchantOrderNo_N}) takes its place, as the query will
     * answer about the newer trade and the older notify could never be confirmed — unless the kept one reports the
     * period paid and the other a failure (a late retry of the failure: the paid trade is what the query knows).
     */
    void remember(NewebPayMerchant merchant, String tradeOrderNo, String period, boolean success) {
        MapSqlParameterSource values = key(merchant.alias(), tradeOrderNo)
                .addValue("period", period)
                .addValue("receivedAt", OffsetDateTime.now(clock));
        try {
            jdbc.update(insert, values);
        } catch (DuplicateKeyException alreadyKept) {
            List<String> kept = jdbc.queryForList(findOne, key(merchant.alias(), tradeOrderNo), String.class);
            if (kept.isEmpty() || kept.get(0).equals(period) || (!success && keptReportsPaid(merchant, kept.get(0)))) {
                return;
            }
            jdbc.update(replace, values);
            log.info("NewebPay period notify of order {} ({}) replaces the one kept for it before", tradeOrderNo,
                    merchant.alias());
        }
    }

    private static boolean keptReportsPaid(NewebPayMerchant merchant, String keptPeriod) {
        try {
            return merchant.codec().decode(keptPeriod).isSuccess();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The notify is stored (by its callback or by the poll): nothing left to confirm. */
    public void settled(String merchant, String tradeOrderNo) {
        jdbc.update(delete, key(merchant, tradeOrderNo));
    }

    /** The poll confirmed and stored the notify. */
    public void confirmed(Unconfirmed period) {
        settled(period.merchant(), period.tradeOrderNo());
        log.info("NewebPay period notify of order {} ({}) confirmed by the missed-notify poll", period.tradeOrderNo(),
                period.merchant());
    }

    /** The notifies the poll may ask about now; those past {@code missed-notify-give-up} are dropped. */
    public List<Unconfirmed> due() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime giveUpBefore = now.minus(properties.missedNotifyGiveUp());
        int dropped = jdbc.update(deleteStale, new MapSqlParameterSource("giveUpBefore", giveUpBefore));
        if (dropped > 0) {
            log.warn("gave up confirming {} NewebPay period notifies older than {}", dropped,
                    properties.missedNotifyGiveUp());
        }
        MapSqlParameterSource window = new MapSqlParameterSource("giveUpBefore", giveUpBefore)
                .addValue("overdueBefore", now.minus(properties.missedNotifyAfter()))
                .addValue("batch", BATCH);
        return jdbc.query(find, window, (rs, row) -> new Unconfirmed(rs.getString("merchant"),
                        rs.getString("trade_order_no"), rs.getString("period"),
                        rs.getObject("received_at", OffsetDateTime.class))).stream()
                .filter(period -> merchants.all().containsKey(period.merchant()))
                .filter(period -> throttle.due(period.merchant(), period.tradeOrderNo()))
                .toList();
    }

    private static MapSqlParameterSource key(String merchant, String tradeOrderNo) {
        return new MapSqlParameterSource("merchant", merchant).addValue("tradeOrderNo", tradeOrderNo);
    }
}
