package tw.twpay.hub.provider.tappay;

import java.time.Duration;
import java.time.ZoneId;
import tw.twpay.hub.provider.ProviderId;

/** TapPay's identity in the hub: the one place its name is spelled. */
final class TapPay {

    static final ProviderId ID = ProviderId.TAPPAY;
    /** The canonical model's and the ledger's spelling, {@code TAPPAY}. */
    static final String CODE = ID.code();
    /** TapPay's documents ask for a 30 s timeout on every back-end call (banks are slow at peak hours). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Where TapPay's epoch-millisecond times are read for the canonical events. */
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private TapPay() {
    }
}
