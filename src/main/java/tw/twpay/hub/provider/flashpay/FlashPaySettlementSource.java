package tw.twpay.hub.provider.flashpay;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.SharedGatewayMerchants;
import tw.twpay.hub.reconciliation.ScheduledMerchants;
import tw.twpay.hub.reconciliation.GatewaySettlementSource;
import tw.twpay.hub.reconciliation.SettlementStream;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * FlashPay's books for a window: the 106 range query (every order whose ord_time falls in the window, each in its
 * current state), one call per 30 days of the window since FlashPay neither pages nor takes longer ranges, through the
 * shared gateway-call route. An entry without a status or an amount is completed by a 107 query.
 */
@Component
public class FlashPaySettlementSource extends GatewaySettlementSource {

    static final String NAME = "flashpay-range-query";
    static final String SCHEDULED_KEY = "twpay.reconciliation.flashpay.scheduled-merchants";

    private final FlashPayMerchants merchants;
    private final FlashPayRangeQueries rangeQueries;
    private final FlashPayProperties properties;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final SharedGatewayMerchants sharedMerchants;

    public FlashPaySettlementSource(FlashPayMerchants merchants, FlashPayRangeQueries rangeQueries,
                                    FlashPayProperties properties, ProducerTemplate producer, Clock clock,
                                    SharedGatewayMerchants sharedMerchants,
                                    @Value("${" + SCHEDULED_KEY + ":*}") String scheduledMerchants) {
        super(FlashPay.ID, NAME, Coverage.EVERY_TRADE,
                ScheduledMerchants.of(SCHEDULED_KEY, scheduledMerchants, merchants.all().keySet()));
        this.merchants = merchants;
        this.rangeQueries = rangeQueries;
        this.properties = properties;
        this.producer = producer;
        this.clock = clock;
        this.sharedMerchants = sharedMerchants;
    }

    @Override
    public boolean serves(String merchant) {
        return merchants.all().containsKey(merchant);
    }

    @Override
    public SettlementStream open(SettlementWindow window, Path input) {
        FlashPayMerchant merchant = merchants.require(window.merchant());
        // 106 lists every order of the mer_id: those of another store of it (an alias sharing the mer_id) are not this
        // alias's to judge or repair
        List<String> otherStores = merchants.sharingMerId(merchant.alias());
        return new FlashPayRangePages(window, rangeQueries, this::call, new FlashPaySettlementRecords(merchant,
                this::call, properties.authorisationTimeout(), clock),
                orderNo -> sharedMerchants.isOwnOrder(FlashPay.ID, merchant.alias(), otherStores, orderNo));
    }

    private GatewayCall call(GatewayRequest request) {
        return producer.requestBody("direct:gateway-call", request, GatewayCall.class);
    }
}
