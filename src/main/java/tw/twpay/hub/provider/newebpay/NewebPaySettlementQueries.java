package tw.twpay.hub.provider.newebpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.reconciliation.GatewaySettlementSource;
import tw.twpay.hub.reconciliation.LedgerSide;
import tw.twpay.hub.reconciliation.PagedSettlementStream;
import tw.twpay.hub.reconciliation.SettlementRecord;
import tw.twpay.hub.reconciliation.SettlementStream;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * NewebPay has no settlement API, so its books for a window are read order by order: QueryTradeInfo (through the
 * shared gateway-call route, CheckCode verified by {@link NewebPayTradeQueries}) for every order of the window the
 * ledger does not hold as final (REFUNDED, VOIDED), at most {@code twpay.reconciliation.newebpay.query-budget} calls
 * a run; orders past the budget are reported unanswered, not guessed. Each answer is the trade's current state, a
 * refunded one naming what has been refunded in all. Only NDNF merchants can be queried.
 */
@Component
public class NewebPaySettlementQueries extends GatewaySettlementSource {

    private static final Logger log = LoggerFactory.getLogger(NewebPaySettlementQueries.class);
    static final String NAME = "newebpay-query-trade-info";
    private static final int PAGE = 100;

    private final NewebPayTradeQueries queries;
    private final LedgerSide ledger;
    private final ProducerTemplate producer;
    private final int queryBudget;

    public NewebPaySettlementQueries(NewebPayMerchants merchants, NewebPayTradeQueries queries, LedgerSide ledger,
                                     ProducerTemplate producer,
                                     @Value("${twpay.reconciliation.newebpay.query-budget:2000}") int queryBudget) {
        super(NewebPay.ID, NAME, Coverage.ASKED_ORDERS, queryableMerchants(merchants));
        this.queries = queries;
        this.ledger = ledger;
        this.producer = producer;
        this.queryBudget = queryBudget;
    }

    /** The NDNF merchants: the only ones QueryTradeInfo can be asked about, and all of them reconciled daily. */
    private static Set<String> queryableMerchants(NewebPayMerchants merchants) {
        Set<String> aliases = new TreeSet<>();
        merchants.all().forEach((alias, merchant) -> {
            if (merchant.kind() == NewebPayMerchantKind.NDNF) {
                aliases.add(alias);
            }
        });
        return Collections.unmodifiableSet(aliases);
    }

    @Override
    public boolean serves(String merchant) {
        return scheduledMerchants().contains(merchant);
    }

    @Override
    public SettlementStream open(SettlementWindow window, Path input) {
        return new PagedSettlementStream() {
            private String after = "";
            private int asked;

            @Override
            protected Page fetch(int pageIndex) {
                List<String> orders = ledger.unfinishedOrders(window, after, PAGE);
                List<SettlementRecord> records = new ArrayList<>(orders.size());
                for (String orderNo : orders) {
                    if (asked < queryBudget) {
                        asked++;
                        records.add(query(window.merchant(), orderNo));
                    } else {
                        records.add(SettlementRecord.unanswered(orderNo, "query budget exhausted"));
                    }
                    after = orderNo;
                }
                if (orders.size() < PAGE && asked >= queryBudget) {
                    log.warn("NewebPay reconciliation of {}: query budget of {} spent, later orders not asked",
                            window.key(), queryBudget);
                }
                return new Page(records, orders.size() < PAGE);
            }
        };
    }

    /**
     * What NewebPay has refunded of a refunded trade in all ({@link NewebPayStatusMapping#refunded}: what was
     * captured less BackBalance), read from the verified answer as the journal keeps it ({@link NewebPayPayload#toJson});
     * null for another status or an answer without {@code BackBalance} (LINE Pay).
     */
    static Money refunded(PaymentStatus status, String answerJson) {
        if (status != PaymentStatus.PARTIALLY_REFUNDED && status != PaymentStatus.REFUNDED) {
            return null;
        }
        JsonNode result = resultOf(answerJson);
        BigDecimal refunded = NewebPayStatusMapping.refunded(
                NewebPayStatusMapping.captured(text(result, "CloseAmt"), text(result, "Amt")),
                text(result, "BackBalance"));
        return refunded == null || refunded.signum() < 0 ? null : new Money(refunded, "TWD");
    }

    /**
     * The trade's amount ({@code Amt}), which the record compares with the order: a refund's fact carries what has
     * been refunded instead ({@link NewebPayTradeMapper}); the fact's amount when the answer names none.
     */
    static Money tradeAmount(PaymentEvent trade, String answerJson) {
        String amount = text(resultOf(answerJson), "Amt");
        return amount == null ? trade.amount() : new Money(new BigDecimal(amount), trade.amount().currency());
    }

    private static JsonNode resultOf(String answerJson) {
        if (answerJson == null) {
            return MissingNode.getInstance();
        }
        try {
            return CanonicalJson.mapper().readTree(answerJson).path("result");
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** A field as the answer gives it; null when absent, blank or not a number. */
    private static String text(JsonNode result, String field) {
        String text = result.path(field).asText("").trim();
        try {
            return text.isEmpty() ? null : new BigDecimal(text).toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private SettlementRecord query(String merchant, String orderNo) {
        PaymentOperationCommand command = new PaymentOperationCommand(NewebPay.ID, merchant, orderNo,
                PaymentOperation.QUERY, null);
        try {
            GatewayCall call = producer.requestBody("direct:gateway-call", queries.request(command),
                    GatewayCall.class);
            CommandResult result = queries.answer(call);
            if (result.facts().isEmpty()) {
                return SettlementRecord.notAtGateway(orderNo, NewebPayTradeQueries.NO_SUCH_TRADE);
            }
            LedgerFact fact = result.facts().get(0);
            PaymentEvent trade = (PaymentEvent) fact.event();
            return SettlementRecord.reported(trade.providerTradeId(), trade.orderNo(), trade.status(),
                    tradeAmount(trade, fact.rawPayload()), trade.occurredAt(), trade.merchantId(), trade.providerStatus(),
                    fact.rawPayload()).withRefunded(refunded(trade.status(), fact.rawPayload()));
        } catch (RuntimeException e) {
            log.warn("NewebPay reconciliation: QueryTradeInfo of order {} of {} gave no usable answer: {}", orderNo,
                    merchant, e.getMessage());
            return SettlementRecord.unanswered(orderNo, e.getClass().getSimpleName());
        }
    }
}
