package tw.twpay.hub.provider.tappay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.config.InvalidConfigurationException;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Stored TapPay cards ({@code tappay_card}): TapPay's {@code card_key} and {@code card_token} are sealed with
 * AES-GCM under {@code twpay.providers.tappay.card-secret-key} (a random 96-bit nonce per value, the card reference
 * as associated data, so a sealed value cannot be moved to another card). The ERP only ever gets the card reference.
 */
@Component
public class TapPayCardVault {

    private static final String KEY_PROPERTY = "twpay.providers.tappay.card-secret-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final NamedParameterJdbcTemplate jdbc;
    private final SecretKeySpec key;
    /** HMAC key for token digests, derived from the card secret key so the AES key is used for AES only. */
    private final SecretKeySpec digestKey;
    private final SecureRandom random = new SecureRandom();
    private final String insertCard = SqlStatements.load("tappay/insert-card");
    private final String findCard = SqlStatements.load("tappay/find-card");
    private final String findByTokenDigest = SqlStatements.load("tappay/find-card-refs-by-token-digest");
    private final String updateStatus = SqlStatements.load("tappay/update-card-status");
    private final String findStatusSince = SqlStatements.load("tappay/find-card-status-since");

    /** A stored card, opened: what Pay by Card Token, Remove Card and Card Metadata send. Never printed. */
    public record OpenedCard(String cardRef, String merchant, String cardKey, String cardToken, CardSummary card,
                             String status) {

        @Override
        public String toString() {
            return "OpenedCard[" + cardRef + ", " + merchant + ", ***]";
        }
    }

    public TapPayCardVault(NamedParameterJdbcTemplate jdbc, TapPayProperties properties) {
        this.jdbc = jdbc;
        this.key = key(properties.cardSecretKey());
        this.digestKey = key == null ? null : new SecretKeySpec(hmac(new SecretKeySpec(key.getEncoded(),
                "HmacSHA256"), "tappay card token digest"), "HmacSHA256");
    }

    private static byte[] hmac(SecretKeySpec macKey, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The digest a card token is found by; the token itself is only stored sealed. */
    String tokenDigest(String cardToken) {
        return tw.twpay.hub.crypto.HexCodec.encodeLower(hmac(digestKey, cardToken));
    }

    /** The merchant's stored cards holding any of these tokens (one card may have several). */
    public List<String> cardRefsByTokens(TapPayMerchant merchant, List<String> cardTokens) {
        requireAvailable();
        if (cardTokens.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(findByTokenDigest, new MapSqlParameterSource()
                .addValue("merchant", merchant.alias())
                .addValue("digests", cardTokens.stream().map(this::tokenDigest).toList()), String.class);
    }

    /**
     * Since when TapPay has said what it last said of a stored card (its status and expiry): {@link #updateStatus}
     * moves it only when either changes, so the same answer again keeps it.
     */
    public OffsetDateTime statusSince(TapPayMerchant merchant, String cardRef) {
        return jdbc.queryForObject(findStatusSince, new MapSqlParameterSource()
                .addValue("cardRef", cardRef)
                .addValue("merchant", merchant.alias()), OffsetDateTime.class);
    }

    /** What TapPay last said about a stored card; its {@link #statusSince} moves only when that changed. */
    public void updateStatus(TapPayMerchant merchant, String cardRef, TokenStatus status, String expiry,
                             OffsetDateTime now) {
        jdbc.update(updateStatus, new MapSqlParameterSource()
                .addValue("cardRef", cardRef)
                .addValue("merchant", merchant.alias())
                .addValue("status", status.name())
                .addValue("expiry", expiry)
                .addValue("now", now));
    }

    private static SecretKeySpec key(String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(KEY_PROPERTY, "is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new InvalidConfigurationException(KEY_PROPERTY, "must be 16, 24 or 32 bytes (base64), not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    /** Stored cards need the key; without it the command is refused before anything is sent. */
    public void requireAvailable() {
        if (key == null) {
            throw RejectedRequestException.badRequest("this hub stores no TapPay cards (" + KEY_PROPERTY
                    + " is not set)");
        }
    }

    /** The answer as journalled: without {@code card_secret}, which only the vault keeps. */
    public static String withoutCardSecret(ObjectNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.remove("card_secret");
        return TapPayJson.text(copy);
    }

    /**
     * Seals the {@code card_secret} of a pay or bind answer and returns the fact that tells the ERP the card
     * reference; no fact when TapPay sent no card secret. The row is written at once, outside the ledger's
     * transaction: a card remembered with an order keeps it even when the ledger write after the payment fails, and
     * the query that settles the order tells the ERP ({@link #rememberedWith}).
     */
    public List<LedgerFact> store(TapPayMerchant merchant, String orderNo, JsonNode answer, OffsetDateTime now) {
        requireAvailable();
        String cardKey = TapPayJson.textField(answer.path("card_secret"), "card_key");
        String cardToken = TapPayJson.textField(answer.path("card_secret"), "card_token");
        if (cardKey == null || cardToken == null) {
            return List.of();
        }
        String cardRef = orderNo == null ? "tpcard_" + UUID.randomUUID().toString().replace("-", "")
                : cardRefOfOrder(merchant, orderNo);
        CardSummary card = TapPayEvents.card(answer.path("card_info"));
        try {
            jdbc.update(insertCard, new MapSqlParameterSource()
                    .addValue("cardRef", cardRef)
                    .addValue("merchant", merchant.alias())
                    .addValue("cardKeySealed", seal(cardKey, cardRef))
                    .addValue("cardTokenSealed", seal(cardToken, cardRef))
                    .addValue("cardTokenDigest", tokenDigest(cardToken))
                    .addValue("cardBin6", card == null ? null : card.bin6())
                    .addValue("cardLast4", card == null ? null : card.last4())
                    .addValue("expiry", card == null ? null : card.expiry())
                    .addValue("status", TokenStatus.ACTIVE.name())
                    .addValue("now", now));
        } catch (DuplicateKeyException e) {
            // the card of this order's payment is stored already (one payment per order): it is kept as it is
        }
        return List.of(storedFact(merchant, orderNo, cardRef, TokenStatus.ACTIVE, card, EventSource.COMMAND, now));
    }

    /**
     * The fact that tells the ERP the reference of the card remembered with the order's payment, from the vault;
     * none when no card was. Its key is the one {@link #store} gave it, so once journalled it is a duplicate: a query
     * settling a payment whose ledger write failed (Record never returns card_secret) tells the ERP the card still.
     */
    public List<LedgerFact> rememberedWith(TapPayMerchant merchant, String orderNo, EventSource source,
                                           OffsetDateTime now) {
        if (key == null) {
            return List.of();
        }
        return find(merchant, cardRefOfOrder(merchant, orderNo))
                .map(card -> List.of(storedFact(merchant, orderNo, card.cardRef(), TokenStatus.valueOf(card.status()),
                        card.card(), source, now)))
                .orElse(List.of());
    }

    /**
     * A card remembered with a payment is named after its order (an HMAC under the vault's key: not guessable), so
     * the query that settles the payment finds it again.
     */
    private String cardRefOfOrder(TapPayMerchant merchant, String orderNo) {
        return "tpcard_" + tw.twpay.hub.crypto.HexCodec.encodeLower(hmac(digestKey,
                "tappay card of order|" + merchant.alias() + "|" + orderNo)).substring(0, 32);
    }

    private static LedgerFact storedFact(TapPayMerchant merchant, String orderNo, String cardRef, TokenStatus status,
                                         CardSummary card, EventSource source, OffsetDateTime now) {
        CardLifecycleEvent stored = new CardLifecycleEvent(TapPay.CODE, merchant.alias(), merchant.portalId(),
                cardRef, status, card == null ? null : card.expiry(), null, null, CardAction.NONE, card,
                now, now, source, "CARD_STORED", null,
                "card stored" + (orderNo == null ? "" : " with order " + orderNo));
        return new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(), "card", cardRef, "stored"), stored, null);
    }

    /**
     * A stored card of the merchant; 404 when the merchant has no such card. The answer does not repeat the reference
     * the ERP sent: whatever it is (a card number sent by mistake), it goes no further than the lookup.
     */
    public OpenedCard open(TapPayMerchant merchant, String cardRef) {
        requireAvailable();
        return find(merchant, cardRef).orElseThrow(() -> RejectedRequestException.notFound(
                "TapPay merchant '" + merchant.alias() + "' has no stored card with this reference"));
    }

    public Optional<OpenedCard> find(TapPayMerchant merchant, String cardRef) {
        List<OpenedCard> cards = jdbc.query(findCard, new MapSqlParameterSource()
                .addValue("cardRef", cardRef)
                .addValue("merchant", merchant.alias()), (rs, row) -> {
                    String bin = rs.getString("card_bin6");
                    String last4 = rs.getString("card_last4");
                    String expiry = rs.getString("expiry");
                    CardSummary card = bin == null && last4 == null && expiry == null
                            ? null : new CardSummary(bin, last4, null, expiry);
                    return new OpenedCard(cardRef, merchant.alias(), open(rs.getString("card_key_sealed"), cardRef),
                            open(rs.getString("card_token_sealed"), cardRef), card, rs.getString("status"));
                });
        return cards.isEmpty() ? Optional.empty() : Optional.of(cards.get(0));
    }

    String seal(String plain, String cardRef) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(cardRef.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a TapPay card secret", e);
        }
    }

    String open(String sealed, String cardRef) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(cardRef.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a wrong key or a tampered row; the message names neither the value nor the key
            throw new IllegalStateException("stored TapPay card " + cardRef + " cannot be opened with "
                    + KEY_PROPERTY);
        }
    }
}
