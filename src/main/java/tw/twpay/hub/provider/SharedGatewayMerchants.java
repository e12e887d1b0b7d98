package tw.twpay.hub.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.reconciliation.SettlementRecord;
import tw.twpay.hub.reconciliation.SettlementStream;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Order numbers of aliases that are one merchant at the gateway. Several aliases may name one gateway merchant (a
 * FlashPay mer_id with a sto_id per store; a NewebPay MerchantID used by two shops): the gateway knows one order per
 * number of that merchant (FlashPay ord_no, NewebPay MerchantOrderNo), and its queries and range queries answer by
 * number and merchant only. So an order number belongs to one of the aliases: another alias's order of the same
 * number would be settled by the first one's trade, and a range query lists every alias's orders to each of them.
 */
@Component
public class SharedGatewayMerchants {

    private final NamedParameterJdbcTemplate jdbc;
    private final String findHolders = SqlStatements.load("ledger/find-merchants-holding-order");

    public SharedGatewayMerchants(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * 409 when an alias sharing the gateway merchant holds an order of this number.
     *
     * @param sharing         the other aliases of the same gateway merchant (none: nothing to check)
     * @param gatewayMerchant the gateway merchant and its rule, e.g. "the same FlashPay merchant (mer_id X), which
     *                        takes one order per ord_no"
     */
    public void requireNumberFree(ProviderId provider, List<String> sharing, String orderNo, String gatewayMerchant) {
        if (sharing.isEmpty()) {
            return;
        }
        List<String> holders = holders(provider, sharing, orderNo);
        if (!holders.isEmpty()) {
            throw new RejectedRequestException(409, "order " + orderNo + " exists already at merchant '"
                    + holders.get(0) + "', " + gatewayMerchant + "; use another orderNo");
        }
    }

    /**
     * Whether a gateway record of this order number, listed for the gateway merchant, is {@code merchant}'s: its own
     * order, not one of an alias sharing the gateway merchant. An order none of them holds is the first one's in
     * alphabetical order, so that it is filed once.
     */
    public boolean isOwnOrder(ProviderId provider, String merchant, List<String> sharing, String orderNo) {
        if (sharing.isEmpty()) {
            return true;
        }
        List<String> all = new ArrayList<>(sharing);
        all.add(merchant);
        List<String> holders = holders(provider, all, orderNo);
        if (holders.isEmpty()) {
            return merchant.equals(new TreeSet<>(all).first());
        }
        return holders.contains(merchant);
    }

    /**
     * The records of a gateway's list for the whole gateway merchant (a settlement file per MerchantID) that are
     * {@code merchant}'s (see {@link #isOwnOrder}); a record without an order number is kept. The stream as it is
     * when no alias shares the gateway merchant.
     */
    public SettlementStream ownRecords(SettlementStream records, ProviderId provider, String merchant,
                                       List<String> sharing) {
        if (sharing.isEmpty()) {
            return records;
        }
        return new SettlementStream() {
            private SettlementRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && records.hasNext()) {
                    SettlementRecord record = records.next();
                    if (record.orderNo() == null || isOwnOrder(provider, merchant, sharing, record.orderNo())) {
                        next = record;
                    }
                }
                return next != null;
            }

            @Override
            public SettlementRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SettlementRecord record = next;
                next = null;
                return record;
            }

            @Override
            public void close() {
                records.close();
            }
        };
    }

    private List<String> holders(ProviderId provider, List<String> merchants, String orderNo) {
        return jdbc.queryForList(findHolders, new MapSqlParameterSource()
                .addValue("provider", provider.code())
                .addValue("merchants", merchants)
                .addValue("orderNo", orderNo), String.class);
    }
}
