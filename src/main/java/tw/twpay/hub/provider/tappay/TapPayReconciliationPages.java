package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.reconciliation.PagedSettlementStream;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * The Reconciliation API's pages of one merchant and window: page {@code i} asks for the CAPTURE and REFUND operations
 * sent to the bank between the window's first and last millisecond; status 2 ("end of list") ends the stream after
 * that page's own records. Any other status, or no answer, fails the run: nothing is concluded from half a day.
 */
final class TapPayReconciliationPages extends PagedSettlementStream {

    private static final Logger log = LoggerFactory.getLogger(TapPayReconciliationPages.class);
    static final List<String> ACTIONS = List.of(TapPaySettlementRecords.CAPTURE, TapPaySettlementRecords.REFUND);

    private final TapPayMerchant merchant;
    private final SettlementWindow window;
    private final int recordsPerPage;
    private final Function<GatewayRequest, GatewayCall> gateway;
    private final TapPaySettlementRecords records;

    TapPayReconciliationPages(TapPayMerchant merchant, SettlementWindow window, int recordsPerPage,
                              Function<GatewayRequest, GatewayCall> gateway, TapPaySettlementRecords records) {
        this.merchant = merchant;
        this.window = window;
        this.recordsPerPage = recordsPerPage;
        this.gateway = gateway;
        this.records = records;
    }

    @Override
    protected Page fetch(int pageIndex) {
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
        boolean last = answer.status() == TapPayAnswer.END_OF_LIST;
        if (!last && datas.isEmpty()) {
            // a "more to come" page without records would be asked for again and again
            throw new GatewayAnswerException("TapPay's Reconciliation answer (page " + pageIndex
                    + ") has no records and no end of list");
        }
        log.debug("TapPay reconciliation of {}: page {} with {} records{}", window.key(), pageIndex, datas.size(),
                last ? ", end of list" : "");
        return new Page(records.of(datas), last);
    }
}
