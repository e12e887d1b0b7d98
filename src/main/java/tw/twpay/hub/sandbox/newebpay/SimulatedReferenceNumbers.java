package tw.twpay.hub.sandbox.newebpay;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** The gateway's own numbers, in its shapes: TradeNo, authorisation codes, card tokens, PeriodNo. */
final class SimulatedReferenceNumbers {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyMMddHHmmss");
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();
    // a random start, so numbers from two hub runs in the same second rarely collide
    private static final AtomicInteger SEQUENCE = new AtomicInteger(RANDOM.nextInt(100_000));

    private SimulatedReferenceNumbers() {
    }

    /** 17 digits: the Taipei second of the trade and a sequence, like 23092714215835071. */
    static String tradeNo(LocalDateTime taipeiNow) {
        return taipeiNow.format(SECOND) + String.format("%05d", Math.floorMod(SEQUENCE.getAndIncrement(), 100_000));
    }

    static String authCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** A card token (TokenValue) for TokenTerm payments: 64 upper-case hex characters. */
    static String tokenValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** P, the Taipei second the mandate was made and six letters: P261122100000aBcDeF. */
    static String periodNo(LocalDateTime taipeiNow) {
        StringBuilder periodNo = new StringBuilder("P").append(taipeiNow.format(SECOND));
        for (int i = 0; i < 6; i++) {
            periodNo.append(LETTERS.charAt(RANDOM.nextInt(LETTERS.length())));
        }
        return periodNo.toString();
    }
}
