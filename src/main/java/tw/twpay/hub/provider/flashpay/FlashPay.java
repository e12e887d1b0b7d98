package tw.twpay.hub.provider.flashpay;

import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;
import tw.twpay.hub.provider.ProviderId;

/** FlashPay's identity in the hub: the one place its name is spelled. */
final class FlashPay {

    static final ProviderId ID = ProviderId.FLASHPAY;
    /** The canonical model's and the ledger's spelling, {@code FLASHPAY}. */
    static final String CODE = ID.code();
    /** FlashPay speaks Taipei local time ({@code ord_time}, {@code purchase_date}). */
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    /** querytrade.php calls: the manual names no limit; long enough for a bank's answer to a cancel. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The API version every request and answer carries. */
    static final String VERSION = "1.0.0";
    /** The notify is acknowledged with exactly this body; anything else makes FlashPay send it again. */
    static final String ACKNOWLEDGEMENT = "1|OK";
    /** An order number FlashPay accepts ({@code ord_no}): 1 to 32 letters or digits, no symbols. */
    private static final Pattern ORDER_NO = Pattern.compile("[A-Za-z0-9]{1,32}");

    static boolean isOrderNo(String text) {
        return text != null && ORDER_NO.matcher(text).matches();
    }

    private FlashPay() {
    }
}
