package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.reconciliation.PagedSettlementStream;
import tw.twpay.hub.reconciliation.SettlementRecord;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * A window of one merchant read from TapPay in two parts:
 * <ol>
 *   <li>the Reconciliation API's pages: page {@code i} asks for the CAPTURE and REFUND operations sent to the bank
 *       between the window's first and last millisecond; status 2 ("end of list") ends this part after that page's
 *       own records;</li>
 *   <li>then Record, order by order, for the window's orders with money moving in the ledger that the first part did
 *       not list (authorised only, voided, captured or refunded on another bank day: not missing at the gateway),
 *       at most {@code recordBudget} of them; the rest are reported unanswered.</li>
 * </ol>
 * Any other status, or no answer, fails the run: nothing is concluded from half a day.
 */
final class TapPayReconciliationPages extends PagedSettlementStream {

    private static final Logger log = LoggerFactory.getLogger(TapPayReconciliationPages.class);
    static final List<String> ACTIONS = List.of(TapPaySettlementRecords.CAPTURE, TapPaySettlementRecords.REFUND);
    /** WindowOrder orders read from the ledger at a time. */
    private static final int ORDERS_PAGE = 100;
    /** Orders of the first part remembered so the second does not ask about them again (bounded memory). */
    private static final int SEEN_LIMIT = 100_000;

    private final TapPayMerchant merchant;
    private final SettlementWindow window;
    private final int recordsPerPage;
    private final int recordBudget;
    private final Function<GatewayRequest, GatewayCall> gateway;
    private final TapPaySettlementRecords records;
    private final TapPayWindowOrders windowOrders;
    private final Set<String> seen = new HashSet<>();
    private boolean settledListed;
    private String afterOrderNo = "";
    private int asked;

    TapPayReconciliationPages(TapPayMerchant merchant, SettlementWindow window, int recordsPerPage, int recordBudget,
                              Function<GatewayRequest, GatewayCall> gateway, TapPaySettlementRecords records,
                              TapPayWindowOrders windowOrders) {
        this.merchant = merchant;
        this.window = window;
        this.recordsPerPage = recordsPerPage;
        this.recordBudget = recordBudget;
        this.gateway = gateway;
        this.records = records;
        this.windowOrders = windowOrders;
    }

    @Override
    protected Page fetch(int pageIndex) {
        return settledListed ? unlistedOrders() : settledOperations(pageIndex);
    }

    private Page settledOperations(int pageIndex) {
        long start = window.start().toInstant().toEpochMilli();
        long end = window.end().toInstant().toEpochMilli() - 1;
        GatewayRequest request = TapPayRequests.call(merchant, TapPayPaths.RECONCILIATION,
                TapPayRequests.reconciliation(start, end, ACTIONS, merchant.merchantId(), pageIndex, recordsPerPage,
                        merchant.partnerKey()), window);
        TapPayAnswer answer = TapPayAnswer.readKnown(gateway.apply(request));
        if (!answer.success() && answer.status() != TapPayAnswer.END_OF_LIST) {
            throw new GatewayAnswerException("TapPay refused the Reconciliation query (page " + pageIndex + "): "
                    + answer.describe());
        }
        JsonNode datas = answer.path("reconciliation_datas");
        if (!datas.isArray() && !datas.isMissingNode() && !datas.isNull()) {
            throw new GatewayAnswerException("TapPay's Reconciliation answer (page " + pageIndex
                    + "): reconciliation_datas is not a list");
        }
        settledListed = answer.status() == TapPayAnswer.END_OF_LIST;
        if (!settledListed && datas.isEmpty()) {
            // a "more to come" page without records would be asked for again and again
            throw new GatewayAnswerException("TapPay's Reconciliation answer (page " + pageIndex
                    + ") has no records and no end of list");
        }
        log.debug("TapPay reconciliation of {}: page {} with {} records{}", window.key(), pageIndex, datas.size(),
                settledListed ? ", end of list" : "");
        List<SettlementRecord> page = records.of(datas);
        for (SettlementRecord record : page) {
            if (record.orderNo() != null && seen.size() < SEEN_LIMIT) {
                seen.add(record.orderNo());
            }
        }
        return new Page(page, settledListed && recordBudget == 0);
    }

    private Page unlistedOrders() {
        List<TapPayWindowOrders.WindowOrder> orders = windowOrders.after(window, afterOrderNo, ORDERS_PAGE);
        List<SettlementRecord> page = new ArrayList<>(orders.size());
        for (TapPayWindowOrders.WindowOrder order : orders) {
            afterOrderNo = order.orderNo();
            if (seen.contains(order.orderNo())) {
                continue;
            }
            if (asked < recordBudget) {
                asked++;
                page.add(records.unlisted(order));
            } else {
                page.add(SettlementRecord.unanswered(order.orderNo(), "Record budget spent"));
            }
        }
        boolean last = orders.size() < ORDERS_PAGE;
        if (last && asked >= recordBudget) {
            log.warn("TapPay reconciliation of {}: Record budget of {} spent, later orders of the window not asked",
                    window.key(), recordBudget);
        }
        return new Page(page, last);
    }
}
