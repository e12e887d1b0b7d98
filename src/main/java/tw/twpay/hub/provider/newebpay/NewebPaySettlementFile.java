package tw.twpay.hub.provider.newebpay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.provider.SharedGatewayMerchants;
import tw.twpay.hub.reconciliation.SettlementCsv;
import tw.twpay.hub.reconciliation.SettlementFileSource;
import tw.twpay.hub.reconciliation.SettlementStream;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * A NewebPay merchant's settlement file (exported from the merchant back office and brought to the hub's CSV
 * columns, see {@link SettlementCsv}): it lists every settled trade of the window, so an order of the window with
 * money moved that the file lacks is missing at the gateway; a line is one settled operation, so a ledger that has
 * moved on from it (refunded after the listed capture) agrees with it.
 */
@Component
public class NewebPaySettlementFile implements SettlementFileSource {

    static final String NAME = "newebpay-settlement-file";

    private final NewebPayMerchants merchants;
    private final SharedGatewayMerchants sharedMerchants;

    public NewebPaySettlementFile(NewebPayMerchants merchants, SharedGatewayMerchants sharedMerchants) {
        this.merchants = merchants;
        this.sharedMerchants = sharedMerchants;
    }

    @Override
    public ProviderId provider() {
        return NewebPay.ID;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Coverage coverage() {
        return Coverage.EVERY_TRADE;
    }

    @Override
    public boolean serves(String merchant) {
        return merchants.all().containsKey(merchant);
    }

    @Override
    public void checkHeader(InputStream file) throws IOException {
        SettlementCsv.checkHeader(file);
    }

    @Override
    public SettlementStream open(SettlementWindow window, Path input) {
        Objects.requireNonNull(input, "a settlement file run needs its file");
        // the back office exports a MerchantID's trades: those another alias of it holds are that alias's
        return sharedMerchants.ownRecords(SettlementCsv.open(input, merchants.require(window.merchant()).merchantId()),
                NewebPay.ID, window.merchant(), merchants.sharingMerchantId(window.merchant()));
    }
}
