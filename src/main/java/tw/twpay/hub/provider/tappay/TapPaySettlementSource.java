package tw.twpay.hub.provider.tappay;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.reconciliation.ScheduledMerchants;
import tw.twpay.hub.reconciliation.GatewaySettlementSource;
import tw.twpay.hub.reconciliation.SettlementStream;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * TapPay's books for a window: the Reconciliation API ({@code /tpc/transaction/reconciliation}), every CAPTURE and
 * REFUND a merchant sent to the bank in the window (bank time), page after page until status 2, through the shared
 * gateway-call route. One record per settled operation; Record fills in what a reconciliation record lacks, and
 * tells where the window's orders with money moving that the API did not list stand (authorised only, voided,
 * settled on another bank day: not missing at the gateway), at most
 * {@code twpay.reconciliation.tappay.record-budget} of them a run. Only
 * merchants configured with a {@code merchant-id} can be read (the API filters by {@code merchant_ids}, a merchant
 * group cannot be named).
 */
@Component
public class TapPaySettlementSource extends GatewaySettlementSource {

    static final String NAME = "tappay-reconciliation-api";
    static final String SCHEDULED_KEY = "twpay.reconciliation.tappay.scheduled-merchants";
    static final String PAGE_SIZE_KEY = "twpay.reconciliation.tappay.records-per-page";
    static final String RECORD_BUDGET_KEY = "twpay.reconciliation.tappay.record-budget";
    /** The Reconciliation API's largest page. */
    static final int MAX_RECORDS_PER_PAGE = 200;

    private final TapPayMerchants merchants;
    private final TapPayTrades trades;
    private final TapPayWindowOrders windowOrders;
    private final ProducerTemplate producer;
    private final int recordsPerPage;
    private final int recordBudget;

    public TapPaySettlementSource(TapPayMerchants merchants, TapPayTrades trades, TapPayWindowOrders windowOrders,
                                  ProducerTemplate producer,
                                  @Value("${" + SCHEDULED_KEY + ":*}") String scheduledMerchants,
                                  @Value("${" + PAGE_SIZE_KEY + ":200}") int recordsPerPage,
                                  @Value("${" + RECORD_BUDGET_KEY + ":2000}") int recordBudget) {
        super(TapPay.ID, NAME, Coverage.EVERY_TRADE,
                ScheduledMerchants.of(SCHEDULED_KEY, scheduledMerchants, served(merchants)));
        this.merchants = merchants;
        this.trades = trades;
        this.windowOrders = windowOrders;
        this.producer = producer;
        if (recordBudget < 0) {
            throw new InvalidConfigurationException(RECORD_BUDGET_KEY, "must be 0 or more");
        }
        this.recordBudget = recordBudget;
        if (recordsPerPage < 1 || recordsPerPage > MAX_RECORDS_PER_PAGE) {
            throw new InvalidConfigurationException(PAGE_SIZE_KEY, "must be 1 to " + MAX_RECORDS_PER_PAGE);
        }
        this.recordsPerPage = recordsPerPage;
    }

    @Override
    public boolean serves(String merchant) {
        return served(merchants).contains(merchant);
    }

    /** The merchants configured with a merchant-id: the only ones the Reconciliation API can be asked about. */
    private static Set<String> served(TapPayMerchants merchants) {
        Set<String> aliases = new TreeSet<>();
        merchants.all().forEach((alias, merchant) -> {
            if (merchant.merchantId() != null) {
                aliases.add(alias);
            }
        });
        return aliases;
    }

    @Override
    public SettlementStream open(SettlementWindow window, Path input) {
        TapPayMerchant merchant = merchants.require(window.merchant());
        if (merchant.merchantId() == null) {
            throw new IllegalStateException("TapPay merchant " + merchant.alias()
                    + " is a merchant group; the Reconciliation API is asked by merchant id");
        }
        return new TapPayReconciliationPages(merchant, window, recordsPerPage, recordBudget, this::call,
                new TapPaySettlementRecords(merchant, merchants.sharingMerchantId(merchant.alias()), trades,
                        this::call), windowOrders);
    }

    private GatewayCall call(GatewayRequest request) {
        return producer.requestBody("direct:gateway-call", request, GatewayCall.class);
    }
}
