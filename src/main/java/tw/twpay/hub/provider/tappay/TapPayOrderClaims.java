package tw.twpay.hub.provider.tappay;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Before a payment that moves money (Pay by Prime, Pay by Card Token, Pay by Barcode): the order must be new, and is
 * claimed with its deterministic bank_transaction_id. A claim without a journalled order is what a payment leaves
 * when it stopped (a crash) between claiming and journalling its PENDING intent — before TapPay was called, since
 * the intent is journalled first. A retry then takes the claim over instead of getting 409 forever; should TapPay
 * know the bank_transaction_id after all, it refuses the duplicate and Record settles the order.
 */
@Component
public class TapPayOrderClaims {

    private static final Logger log = LoggerFactory.getLogger(TapPayOrderClaims.class);

    private final CommandLedger ledger;
    private final TapPayTrades trades;
    private final Duration takeoverAfter;
    private final Clock clock;

    /**
     * @param takeoverAfter how old a claim without a journalled order must be before a retry takes it over: far
     *                      longer than the moment between claiming and journalling, so a live payment keeps it
     */
    public TapPayOrderClaims(CommandLedger ledger, TapPayTrades trades, Clock clock,
                             @Value("${twpay.providers.tappay.claim-takeover-after:PT30S}") Duration takeoverAfter) {
        this.ledger = ledger;
        this.trades = trades;
        this.clock = clock;
        this.takeoverAfter = takeoverAfter;
    }

    /** The order's trade, claimed for this payment; 409 when the order exists or another payment holds it. */
    public TapPayTrades.Trade claim(TapPayMerchant merchant, String orderNo) {
        if (ledger.findOrder(TapPay.ID, merchant.alias(), orderNo).isPresent()) {
            throw new RejectedRequestException(409, "order " + orderNo + " of merchant " + merchant.alias()
                    + " exists already; query it, or pay under a new orderNo");
        }
        return trades.claim(merchant.alias(), orderNo)
                .or(() -> takeOver(merchant, orderNo))
                .orElseThrow(() -> new RejectedRequestException(409, "order " + orderNo + " of merchant "
                        + merchant.alias() + " has a TapPay payment in progress; query it, or retry in "
                        + takeoverAfter.toSeconds() + " s"));
    }

    private Optional<TapPayTrades.Trade> takeOver(TapPayMerchant merchant, String orderNo) {
        Optional<TapPayTrades.Trade> taken = trades.takeOver(merchant.alias(), orderNo,
                OffsetDateTime.now(clock).minus(takeoverAfter));
        taken.ifPresent(trade -> log.warn("order {} of TapPay merchant {} was claimed by a payment that never "
                + "journalled its intent; this payment takes it over as bank_transaction_id {}", orderNo,
                merchant.alias(), trade.bankTransactionId()));
        return taken;
    }
}
