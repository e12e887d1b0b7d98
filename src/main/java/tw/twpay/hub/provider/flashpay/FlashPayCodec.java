package tw.twpay.hub.provider.flashpay;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import tw.twpay.hub.crypto.AesCbcCipher;
import tw.twpay.hub.crypto.ConstantTime;
import tw.twpay.hub.crypto.CryptoFormatException;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.crypto.Sha256;

/**
 * FlashPay's envelope (manual §4, checked byte for byte against {@code vectors/flashpay.json}):
 * <ul>
 *   <li>{@code dat} = hex of AES-256-CBC (key HashKey, IV HashIV, PKCS#7) over the UTF-8 JSON <em>only</em> — the
 *       manual's prose says HashKey + JSON + HashIV is encrypted, its own example proves otherwise;</li>
 *   <li>{@code key} = upper-case hex SHA-256 of HashKey + JSON + HashIV, over the same bytes that were encrypted
 *       (requests only);</li>
 *   <li>{@code chk} = upper-case hex SHA-256 of {@code dat} exactly as transmitted.</li>
 * </ul>
 * Senders differ in the hex case of dat (PDF and PHP lower, Java and .NET upper), which changes chk: chk is verified
 * over the received dat verbatim, compared in constant time whatever its own case, and dat is decoded in either case.
 * chk is not keyed — it detects corruption, not forgery; authenticity rests on decrypting with this merchant's keys
 * and on what the hub checks after (mer_id, the order, a 107 query).
 *
 * <p>One instance per merchant key pair; immutable and thread-safe.
 */
public final class FlashPayCodec {

    private final MerchantHashKeys keys;
    private final byte[] hashKey;
    private final byte[] hashIv;

    public FlashPayCodec(MerchantHashKeys keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.hashKey = keys.hashKey().getBytes(StandardCharsets.UTF_8);
        this.hashIv = keys.hashIv().getBytes(StandardCharsets.UTF_8);
    }

    /** dat, key and chk of a JSON request, in that order of computation. */
    public FlashPayEnvelope seal(String json) {
        byte[] plaintext = json.getBytes(StandardCharsets.UTF_8);
        String dat = HexCodec.encodeLower(AesCbcCipher.encrypt(keys, plaintext));
        return new FlashPayEnvelope(dat, HexCodec.encodeUpper(Sha256.digest(hashKey, plaintext, hashIv)), chk(dat));
    }

    /** The request {@code key} of a JSON text: SHA-256 over HashKey + JSON + HashIV. */
    public String key(String json) {
        return HexCodec.encodeUpper(Sha256.digest(hashKey, json.getBytes(StandardCharsets.UTF_8), hashIv));
    }

    /** chk of dat as it is written (its hex case matters). */
    public static String chk(String dat) {
        return HexCodec.encodeUpper(Sha256.digest(dat.getBytes(StandardCharsets.UTF_8)));
    }

    /** Constant-time check of a received chk (either hex case) over dat verbatim; missing or malformed = no match. */
    public static boolean chkMatches(String dat, String receivedChk) {
        if (dat == null || receivedChk == null) {
            return false;
        }
        return ConstantTime.equalsHex(Sha256.digest(dat.getBytes(StandardCharsets.UTF_8)), receivedChk);
    }

    /**
     * Verifies chk, decrypts dat and parses its JSON object.
     *
     * @throws FlashPayDecodeException "chk mismatch", or why dat could not be decoded; never the data itself
     */
    public FlashPayPayload open(String dat, String receivedChk) {
        byte[] plaintext = new byte[verified(dat, receivedChk).length() / 2];
        int length = decryptInto(dat, plaintext);
        return FlashPayJson.parse(plaintext, 0, length, "dat");
    }

    /** Like {@link #open} but answers the JSON text, for answers that are not flat (the 106 range query). */
    public String openText(String dat, String receivedChk) {
        byte[] plaintext = new byte[verified(dat, receivedChk).length() / 2];
        int length = decryptInto(dat, plaintext);
        return new String(plaintext, 0, length, StandardCharsets.UTF_8);
    }

    private static String verified(String dat, String receivedChk) {
        if (dat == null || dat.isEmpty()) {
            throw new FlashPayDecodeException("dat is missing");
        }
        if (receivedChk == null || receivedChk.isEmpty()) {
            throw new FlashPayDecodeException("chk is missing");
        }
        // chk first: altered ciphertext never reaches the padding check, so padding errors cannot be an oracle
        if (!chkMatches(dat, receivedChk)) {
            throw new FlashPayDecodeException("chk mismatch");
        }
        return dat;
    }

    private int decryptInto(String dat, byte[] plaintext) {
        try {
            byte[] ciphertext = HexCodec.decode(dat);
            return AesCbcCipher.decrypt(keys, ciphertext, 0, ciphertext.length, plaintext, 0);
        } catch (CryptoFormatException e) {
            throw FlashPayDecodeException.of("dat", e);
        }
    }

    @Override
    public String toString() {
        return "FlashPayCodec[keys=<redacted>]";
    }
}
