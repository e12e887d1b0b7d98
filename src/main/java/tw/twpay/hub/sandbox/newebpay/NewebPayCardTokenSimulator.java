package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.newebpay.NewebPayDecodeException;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;

/**
 * The gateway's back-end APIs for stored cards (約定信用卡), answered as NewebPay answers them:
 * <ul>
 *   <li>{@code API/CreditCard} (信用卡幕後授權): form {@code MerchantID_}, {@code PostData_} (the encrypted fields) and
 *       {@code Pos_} (JSON or String). {@code TokenSwitch=get} authorises the card in CardNo/Exp/CVC and binds it to
 *       a new TokenValue for the cardholder reference TokenTerm; {@code TokenSwitch=on} charges a token of the same
 *       merchant and TokenTerm. Either way the trade is a card trade like an MPG one, so QueryTradeInfo, Cancel and
 *       Close work on it, and the answer carries a CheckCode computed as QueryTradeInfo's.</li>
 *   <li>{@code API/TokenCard/query} (NPA-B103): form {@code UID_}, {@code Version_}, {@code RespondType_},
 *       {@code EncryptData_} and its TradeSha {@code HashData_}; whether the Card Account Updater took the token on
 *       (CAUtokenCreateStatus 1, with CAUtokenCreateDate) or not (0).</li>
 * </ul>
 * The card number and CVC live only while a request is handled: the card is reduced to a {@link SandboxCard} at once
 * and neither is stored, logged or echoed in an answer or a refusal.
 *
 * <p>Passkey merchants must use version 2.5 or later and send the cardholder's phone and split name (Passkey
 * document, chapter 04). Their charges are answered at once, as NewebPay's test environment does: it neither
 * triggers Passkey nor the OTP fallback (Passkey document, chapter 03).
 */
@Component("newebPayCardTokenSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class NewebPayCardTokenSimulator {

    private static final Logger log = LoggerFactory.getLogger(NewebPayCardTokenSimulator.class);

    /** TokenValue is not a token of this merchant and TokenTerm. */
    static final String UNKNOWN_TOKEN = "TRA10050";

    private static final String UNKNOWN_MERCHANT = NewebPayTradeApiSimulator.UNKNOWN_MERCHANT;
    private static final String BAD_REQUEST = NewebPayTradeApiSimulator.BAD_REQUEST;
    private static final String UNDECRYPTABLE = NewebPayTradeApiSimulator.UNDECRYPTABLE;
    private static final String HASH_MISMATCH = NewebPayTradeApiSimulator.CHECK_VALUE_MISMATCH;

    /** The back-end versions the simulator speaks; 2.5 added the Passkey cardholder fields. */
    private static final BigDecimal OLDEST_CHARGE_VERSION = new BigDecimal("1.1");
    private static final BigDecimal PASSKEY_CHARGE_VERSION = new BigDecimal("2.5");
    /** The CAU document: NPA-B103 answers the binding status from version 2.0 on. */
    private static final BigDecimal BINDING_QUERY_VERSION = new BigDecimal("2.0");
    /** As the hub checks TokenTerm for MPG: NewebPay keeps 20 characters. */
    private static final String TOKEN_TERM = "[A-Za-z0-9_@.-]{1,20}";
    private static final String E164_PHONE = "\\+[1-9]\\d{7,14}";
    private static final String YYMM = "\\d{2}(0[1-9]|1[0-2])";
    private static final DateTimeFormatter BINDING_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final SandboxMerchants merchants;
    private final SimulatedTrades trades;
    private final SimulatedCardTokens tokens;
    private final Clock clock;

    public NewebPayCardTokenSimulator(SandboxMerchants merchants, SimulatedTrades trades, SimulatedCardTokens tokens,
                                      Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** {@code API/CreditCard}: a first charge that binds the card (TokenSwitch=get) or a charge of a token (on). */
    public String charge(SandboxForm form) {
        String respondType = null;
        Map<String, Object> identity = Map.of();
        try {
            SandboxMerchant merchant = form.merchant("MerchantID_", merchants, NewebPayMerchantKind.NDNF, UNKNOWN_MERCHANT);
            respondType = responseFormat(form, "Pos_");
            SandboxForm fields = form.decrypted("PostData_", merchant, BAD_REQUEST, UNDECRYPTABLE);
            identity = fields.identity(merchant);
            requireChargeVersion(merchant, fields);
            GatewayFieldRules.timeStamp(fields, BAD_REQUEST);
            String orderNo = GatewayFieldRules.orderNo(fields, "MerchantOrderNo", BAD_REQUEST);
            BigDecimal amount = fields.wholeAmount("Amt");
            if (amount == null) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST, "Amt 設定錯誤 (Amt must be a positive whole number)");
            }
            fields.required("ProdDesc", BAD_REQUEST, "ProdDesc 不可空白 (ProdDesc is missing)");
            String email = fields.text("PayerEmail");
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST, "PayerEmail 格式錯誤 (PayerEmail is not an e-mail address)");
            }
            String tokenTerm = tokenTerm(fields);
            if (merchant.passkey()) {
                requirePasskeyCardholder(fields);
            }
            GatewayFieldRules.optionalUrl(fields, "NotifyURL", BAD_REQUEST);
            GatewayFieldRules.optionalUrl(fields, "ReturnURL", BAD_REQUEST);

            LocalDateTime now = GatewayTime.now(clock);
            String tokenSwitch = fields.text("TokenSwitch");
            ChargedCard charged;
            if ("get".equals(tokenSwitch)) {
                charged = cardToBind(fields, now.toLocalDate());
            } else if ("on".equals(tokenSwitch)) {
                charged = boundCard(merchant, tokenTerm, fields);
            } else {
                throw new SimulatedGatewayRefusal(BAD_REQUEST,
                        "TokenSwitch 設定錯誤 (TokenSwitch must be get, binding a card, or on, charging a token)");
            }
            return authoriseAndRecord(merchant, orderNo, amount, tokenTerm, charged, now).render(respondType);
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: card charge refused: {} {}", refusal.status(), refusal.getMessage());
            return GatewayAnswer.refused(refusal, identity).render(respondType);
        }
    }

    /** Authorises, records the trade (which refuses a paid order number), and only then binds a new token. */
    private GatewayAnswer authoriseAndRecord(SandboxMerchant merchant, String orderNo, BigDecimal amount,
                                             String tokenTerm, ChargedCard charged, LocalDateTime now) {
        SimulatedIssuer.Authorisation authorisation = authorise(amount, charged.card(), now.toLocalDate());
        boolean binds = charged.binding() == null;
        String tokenValue = !binds ? charged.binding().tokenValue()
                : authorisation.approved() ? SimulatedReferenceNumbers.tokenValue() : null;
        // no 3-D Secure in the test environment, whatever P3D says: ECI stays empty
        SimulatedTrade trade = new SimulatedTrade(merchant.merchantId(), orderNo, SimulatedReferenceNumbers.tradeNo(now),
                amount, charged.card(), authorisation, "", tokenValue, now);
        trades.record(trade);
        if (binds && tokenValue != null) {
            tokens.bind(new SimulatedCardTokens.Binding(merchant.merchantId(), tokenTerm, tokenValue, charged.card(),
                    charged.tokenLife(), now.toLocalDate(), charged.updaterEnrolled()));
        }
        log.info("NewebPay sandbox: {} of order {} of {} {} (trade {}, {})", binds ? "card binding" : "token charge",
                orderNo, merchant.alias(), authorisation.approved() ? "authorised" : "refused", trade.tradeNo,
                authorisation.status());

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", trade.merchantId);
        result.put("Amt", trade.amount);
        result.put("TradeNo", trade.tradeNo);
        result.put("MerchantOrderNo", trade.merchantOrderNo);
        result.put("RespondCode", authorisation.respondCode());
        result.put("Auth", authorisation.authCode());
        // as the gateway's token charge answer: AuthDate yyyyMMdd, AuthTime HHmmss
        result.put("AuthDate", now.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        result.put("AuthTime", now.format(java.time.format.DateTimeFormatter.ofPattern("HHmmss")));
        result.put("Card6No", trade.card.bin6());
        result.put("Card4No", trade.card.last4());
        result.put("Exp", trade.card.expiry());
        if (tokenValue != null) {
            result.put("TokenValue", tokenValue);
            result.put("TokenLife", charged.tokenLife());
        }
        result.put("CheckCode", trade.checkCode(merchant.checkCodes(), trade.amount));
        return new GatewayAnswer(authorisation.status(), authorisation.message(), result);
    }

    /** An expired card is refused as the bank refuses it (54); otherwise the issuer's amount and card rules. */
    private static SimulatedIssuer.Authorisation authorise(BigDecimal amount, SandboxCard card, LocalDate today) {
        YearMonth expiry = YearMonth.of(2000 + Integer.parseInt(card.expiry().substring(0, 2)),
                Integer.parseInt(card.expiry().substring(2)));
        if (expiry.isBefore(YearMonth.from(today))) {
            return SimulatedIssuer.Authorisation.refused(NewebPayPeriodSimulator.EXPIRED_CARD, "卡片過期", "54");
        }
        return SimulatedIssuer.authorise(amount, card, true);
    }

    /**
     * NPA-B103: is the token enrolled in the Card Account Updater? A token the merchant does not have for this
     * TokenTerm is refused, so a wrong token never reads as "not enrolled".
     */
    public String queryBinding(SandboxForm form) {
        String respondType = null;
        try {
            SandboxMerchant merchant = form.merchant("UID_", merchants, NewebPayMerchantKind.NDNF, UNKNOWN_MERCHANT);
            respondType = responseFormat(form, "RespondType_");
            BigDecimal version = version(form, "Version_");
            if (version.compareTo(BINDING_QUERY_VERSION) < 0) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST, "Version_ 設定錯誤 (the binding status needs version "
                        + BINDING_QUERY_VERSION + " or later)");
            }
            SandboxForm fields = verifiedEncryptData(merchant, form);
            if (!merchant.merchantId().equals(fields.text("MerchantID"))) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST,
                        "商店代號不符 (MerchantID inside EncryptData_ is not the form's UID_)");
            }
            GatewayFieldRules.timeStamp(fields, BAD_REQUEST);
            String tokenTerm = tokenTerm(fields);
            String tokenValue = fields.required("TokenValue", BAD_REQUEST, "TokenValue 不可空白 (TokenValue is missing)");
            SimulatedCardTokens.Binding binding = tokens.find(merchant.merchantId(), tokenTerm, tokenValue)
                    .orElseThrow(NewebPayCardTokenSimulator::unknownToken);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("MerchantID", merchant.merchantId());
            result.put("TokenTerm", tokenTerm);
            result.put("TokenValue", tokenValue);
            result.put("CAUtokenCreateStatus", binding.updaterEnrolled() ? "1" : "0");
            result.put("CAUtokenCreateDate", binding.updaterEnrolled() ? binding.createdOn().format(BINDING_DATE) : "");
            return GatewayAnswer.success("查詢成功", result).render(respondType);
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: token binding query refused: {} {}", refusal.status(), refusal.getMessage());
            return GatewayAnswer.refused(refusal, Map.of()).render(respondType);
        }
    }

    // ---------------------------------------------------------------- the card of a charge

    /**
     * The card of a charge and, for a token charge, its binding.
     *
     * @param binding   null when the charge binds a new token
     * @param tokenLife TokenLife of a new binding, "" when none
     */
    private record ChargedCard(SandboxCard card, SimulatedCardTokens.Binding binding, String tokenLife,
                               boolean updaterEnrolled) {
    }

    /** TokenSwitch=get: the card from CardNo, Exp and CVC, checked without ever quoting them. */
    private static ChargedCard cardToBind(SandboxForm fields, LocalDate today) {
        String number = fields.required("CardNo", BAD_REQUEST, "CardNo 不可空白 (CardNo is missing)");
        if (!number.matches("\\d{13,19}")) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "CardNo 格式錯誤 (CardNo must be 13 to 19 digits)");
        }
        String expiry = fields.required("Exp", BAD_REQUEST, "Exp 不可空白 (Exp is missing)");
        if (!expiry.matches(YYMM)) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "Exp 格式錯誤 (Exp must be YYMM)");
        }
        String cvc = fields.required("CVC", BAD_REQUEST, "CVC 不可空白 (CVC is missing)");
        if (!cvc.matches("\\d{3,4}")) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "CVC 格式錯誤 (CVC must be 3 or 4 digits)");
        }
        String tokenLife = fields.text("TokenLife");
        if (tokenLife != null && !tokenLife.matches(YYMM)) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "TokenLife 格式錯誤 (TokenLife must be YYMM or empty)");
        }
        SandboxCard card = SandboxCard.of(number, expiry);
        // CAU document: the updater serves Visa and Mastercard, and 約定信用卡 tokens only when TokenLife is empty
        boolean updaterEnrolled = tokenLife == null && servedByCardUpdater(card);
        return new ChargedCard(card, null, tokenLife == null ? "" : tokenLife, updaterEnrolled);
    }

    /** TokenSwitch=on: the card bound to the token, which must be the merchant's for this TokenTerm. */
    private ChargedCard boundCard(SandboxMerchant merchant, String tokenTerm, SandboxForm fields) {
        String tokenValue = fields.required("TokenValue", BAD_REQUEST, "TokenValue 不可空白 (TokenValue is missing)");
        SimulatedCardTokens.Binding binding = tokens.find(merchant.merchantId(), tokenTerm, tokenValue)
                .orElseThrow(NewebPayCardTokenSimulator::unknownToken);
        return new ChargedCard(binding.card(), binding, binding.tokenLife(), binding.updaterEnrolled());
    }

    private static SimulatedGatewayRefusal unknownToken() {
        return new SimulatedGatewayRefusal(UNKNOWN_TOKEN,
                "查無此約定付款資料 (TokenValue is not a token of this merchant and TokenTerm)");
    }

    /** Visa (4) and Mastercard (51-55, 2221-2720). */
    private static boolean servedByCardUpdater(SandboxCard card) {
        int prefix2 = Integer.parseInt(card.bin6().substring(0, 2));
        int prefix4 = Integer.parseInt(card.bin6().substring(0, 4));
        return card.bin6().startsWith("4") || (prefix2 >= 51 && prefix2 <= 55) || (prefix4 >= 2221 && prefix4 <= 2720);
    }

    // ---------------------------------------------------------------- request fields

    /** Pos_ / RespondType_: JSON or String; the simulator answers a refusal of it in JSON. */
    private static String responseFormat(SandboxForm form, String field) {
        String format = form.required(field, BAD_REQUEST, field + " 不可空白 (" + field + " is missing)");
        if (!"JSON".equals(format) && !GatewayAnswer.RESPOND_TYPE_STRING.equals(format)) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, field + " 設定錯誤 (" + field + " must be JSON or String)");
        }
        return format;
    }

    private static BigDecimal version(SandboxForm fields, String field) {
        String version = fields.required(field, BAD_REQUEST, field + " 不可空白 (" + field + " is missing)");
        if (!version.matches("\\d{1,2}\\.\\d{1,2}")) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, field + " 設定錯誤 (" + field + " must be like 1.1)");
        }
        return new BigDecimal(version);
    }

    /** 1.1 up to 2.5; Passkey merchants 2.5 only, the first version with the Passkey cardholder fields. */
    private static void requireChargeVersion(SandboxMerchant merchant, SandboxForm fields) {
        BigDecimal version = version(fields, "Version");
        if (merchant.passkey() && version.compareTo(PASSKEY_CHARGE_VERSION) < 0) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "Passkey 商店幕後交易需 2.5 以上版本 (a Passkey merchant "
                    + "must send Version " + PASSKEY_CHARGE_VERSION + " or later)");
        }
        if (version.compareTo(OLDEST_CHARGE_VERSION) < 0 || version.compareTo(PASSKEY_CHARGE_VERSION) > 0) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "Version 設定錯誤 (Version must be "
                    + OLDEST_CHARGE_VERSION + " to " + PASSKEY_CHARGE_VERSION + ")");
        }
    }

    private static String tokenTerm(SandboxForm fields) {
        String tokenTerm = fields.required("TokenTerm", BAD_REQUEST, "TokenTerm 不可空白 (TokenTerm is missing)");
        if (!tokenTerm.matches(TOKEN_TERM)) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST,
                    "TokenTerm 格式錯誤 (TokenTerm allows at most 20 letters, digits and _@.-)");
        }
        return tokenTerm;
    }

    /** Passkey turns the cardholder's phone (with country code) from optional into required, and splits the name. */
    private static void requirePasskeyCardholder(SandboxForm fields) {
        List<String> missing = new ArrayList<>();
        for (String field : List.of("CardHolderPhone", "CardHolderLastName", "CardHolderFirstName")) {
            if (fields.text(field) == null) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "Passkey 持卡人資料不可空白 (a Passkey merchant must send "
                    + String.join(", ", missing) + ")");
        }
        if (!fields.text("CardHolderPhone").matches(E164_PHONE)) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST,
                    "CardHolderPhone 格式錯誤 (country code and mobile number, e.g. +886912345678)");
        }
    }

    /** HashData_ is checked before EncryptData_ is decrypted, so altered ciphertext never reaches the padding check. */
    private static SandboxForm verifiedEncryptData(SandboxMerchant merchant, SandboxForm form) {
        String encryptData = form.required("EncryptData_", BAD_REQUEST, "EncryptData_ 不可空白 (EncryptData_ is missing)");
        String hashData = form.required("HashData_", HASH_MISMATCH, "HashData_ 不可空白 (HashData_ is missing)");
        if (!merchant.codec().tradeShaMatches(encryptData, hashData)) {
            throw new SimulatedGatewayRefusal(HASH_MISMATCH, "HashData_ 檢核錯誤 (HashData_ does not match EncryptData_)");
        }
        try {
            return new SandboxForm(NewebPayFormEncoding.decode(merchant.codec().decryptText(encryptData)));
        } catch (NewebPayDecodeException e) {
            throw new SimulatedGatewayRefusal(UNDECRYPTABLE, "EncryptData_ 解密失敗 (" + e.getMessage() + ")");
        }
    }
}
