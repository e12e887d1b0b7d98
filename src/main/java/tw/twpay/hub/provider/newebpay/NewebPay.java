package tw.twpay.hub.provider.newebpay;

import java.time.Duration;
import tw.twpay.hub.provider.ProviderId;

/** NewebPay's identity in the hub: the one place its name is spelled. */
final class NewebPay {

    static final ProviderId ID = ProviderId.NEWEBPAY;
    /** The canonical model's and the ledger's spelling, {@code NEWEBPAY}. */
    static final String CODE = ID.code();
    /** Back-end API calls: the documents name no limit; long enough for a bank's authorisation. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The gateway refuses a request whose TimeStamp is more than 120 s off (NDNF-1.1.9: 容許誤差值 120 秒). */
    static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(120);

    private NewebPay() {
    }
}
