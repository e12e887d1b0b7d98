package tw.twpay.hub.sandbox.newebpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tw.twpay.hub.crypto.HexCodec;
import tw.twpay.hub.crypto.MerchantHashKeys;
import tw.twpay.hub.provider.newebpay.NewebPayDecodeException;
import tw.twpay.hub.provider.newebpay.NewebPayPayload;
import tw.twpay.hub.provider.newebpay.NewebPayTradeInfoCodec;
import tw.twpay.hub.provider.newebpay.SealedTradeInfo;

/**
 * The simulated gateway's side of NewebPay's crypto for one sandbox merchant: what the hub's codec does (encrypt,
 * seal, verify, decode) plus what only the gateway does — read the hub's requests back as text, and write answers as
 * the gateway does, JSON text sealed as-is and period answers padded to 32 bytes. Built from the configured sandbox
 * merchant's keys, so production classes carry nothing only the simulator needs.
 */
public final class SandboxCodec {

    private static final int PERIOD_PAD_BOUNDARY = 32;

    private final MerchantHashKeys keys;
    private final NewebPayTradeInfoCodec codec;

    public SandboxCodec(MerchantHashKeys keys) {
        this.keys = keys;
        this.codec = new NewebPayTradeInfoCodec(keys);
    }

    public String encrypt(Map<String, ?> fields) {
        return codec.encrypt(fields);
    }

    public String encryptText(String plaintext) {
        return codec.encryptText(plaintext);
    }

    /** As the gateway encrypts its NDNP period notifies and AlterStatus/AlterAmt answers: padded to 32 bytes. */
    public String encryptTextPaddedTo32(String plaintext) {
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        int pad = PERIOD_PAD_BOUNDARY - bytes.length % PERIOD_PAD_BOUNDARY;
        byte[] padded = Arrays.copyOf(bytes, bytes.length + pad);
        Arrays.fill(padded, bytes.length, padded.length, (byte) pad);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(keys.hashKey().getBytes(StandardCharsets.UTF_8), "AES"),
                    new IvParameterSpec(keys.hashIv().getBytes(StandardCharsets.UTF_8)));
            return HexCodec.encodeLower(cipher.doFinal(padded));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available in this runtime", e);
        }
    }

    public SealedTradeInfo seal(Map<String, ?> fields) {
        return codec.seal(fields);
    }

    /** Text that is already encoded (the JSON of an MPG result), encrypted and signed as it is. */
    public SealedTradeInfo sealText(String plaintext) {
        String tradeInfo = codec.encryptText(plaintext);
        return new SealedTradeInfo(tradeInfo, codec.tradeSha(tradeInfo));
    }

    public String tradeSha(String tradeInfo) {
        return codec.tradeSha(tradeInfo);
    }

    public boolean tradeShaMatches(String tradeInfo, String tradeSha) {
        return codec.tradeShaMatches(tradeInfo, tradeSha);
    }

    public NewebPayPayload decode(String tradeInfo) {
        return codec.decode(tradeInfo);
    }

    /**
     * The hub's encrypted request as text.
     *
     * @throws NewebPayDecodeException why it could not be decrypted
     */
    public String decryptText(String cipherText) {
        return codec.decryptText(cipherText);
    }

    @Override
    public String toString() {
        return "SandboxCodec[keys=<redacted>]";
    }
}
