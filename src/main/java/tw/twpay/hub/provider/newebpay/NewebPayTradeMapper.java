package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tw.twpay.hub.canonical.CardAction;
import tw.twpay.hub.canonical.CardLifecycleEvent;
import tw.twpay.hub.canonical.CardSummary;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.RecurringCharge;
import tw.twpay.hub.canonical.TokenStatus;
import tw.twpay.hub.ledger.LedgerFact;

/** Decoded NewebPay trade results (NotifyURL, QueryTradeInfo, period notifies) as canonical ledger facts. */
public final class NewebPayTradeMapper {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    /** Exp: YYMM */
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{2}(0[1-9]|1[0-2])");

    private NewebPayTradeMapper() {
    }

    /** A NotifyURL callback: the payment fact, plus a card binding fact when the payment created a token. */
    public static List<LedgerFact> fromNotify(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt,
                                              String rawPayload) {
        String orderNo = required(payload, "MerchantOrderNo");
        String tradeNo = payload.field("TradeNo");
        String paymentType = payload.field("PaymentType");
        PaymentStatus status = NewebPayStatusMapping.ofNotify(payload.status(), paymentType, payload.field("PayTime"));
        PaymentEvent event = payment(merchant, payload, orderNo, status, EventSource.CALLBACK, receivedAt, null);
        List<LedgerFact> facts = new ArrayList<>(2);
        // the code handed out and the payment made with it are two facts of one trade (same TradeNo and Status)
        String kind = NewebPayStatusMapping.isPaymentCodeIssued(paymentType, payload.field("PayTime")) ? "payment-code"
                : "notify";
        facts.add(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), orderNo, tradeNo, payload.status(), kind),
                event, rawPayload));
        String token = payload.field("TokenValue");
        // the gateway sends TokenValue only for a card bound for later charges (CREDITAGREEMENT); TokenUseStatus is the
        // customer's quick checkout (0 none, 1 set up, 2 used, 9 cancelled) and binds nothing
        if (status != PaymentStatus.FAILED && token != null && !token.isBlank()) {
            CardLifecycleEvent binding = new CardLifecycleEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(), token,
                    TokenStatus.ACTIVE, null, null, null, CardAction.NONE, event.card(), event.occurredAt(), receivedAt,
                    EventSource.CALLBACK, "TOKEN_BOUND", payload.field("RespondCode"), "card bound to token by order " + orderNo);
            facts.add(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), "token", token, "bound", orderNo),
                    binding, null));
        }
        return facts;
    }

    /**
     * A QueryTradeInfo answer (already CheckCode-verified) as a QUERY fact. A refund's fact carries what has been
     * refunded (what was captured less BackBalance), as the refund command's fact and the other providers' refund
     * facts do; without BackBalance (LINE Pay) the trade's Amt.
     */
    public static LedgerFact fromQuery(NewebPayMerchant merchant, NewebPayPayload payload, OffsetDateTime receivedAt,
                                       String rawPayload) {
        String orderNo = required(payload, "MerchantOrderNo");
        PaymentStatus status = NewebPayStatusMapping.ofQuery(payload);
        PaymentEvent event = payment(merchant, payload, orderNo, status, EventSource.QUERY, receivedAt, null);
        if (status == PaymentStatus.REFUND_REQUESTED || status == PaymentStatus.PARTIALLY_REFUNDED
                || status == PaymentStatus.REFUNDED) {
            BigDecimal refunded = NewebPayStatusMapping.refunded(payload);
            if (refunded != null && refunded.signum() > 0) {
                event = event.withAmount(new Money(refunded, "TWD"));
            }
        }
        // one fact per distinct state the gateway reports, so asking again about an unchanged order is a duplicate
        String state = String.join("/", nullToEmpty(payload.field("TradeStatus")), nullToEmpty(payload.field("CloseStatus")),
                nullToEmpty(payload.field("BackStatus")), nullToEmpty(payload.field("BackBalance")));
        if (NewebPayStatusMapping.awaitsBankConfirmation(payload)) {
            // not yet the state the bank's confirmation brings, which must still be a fact of its own
            state += "/awaiting-bank";
        }
        // CloseStatus/BackStatus 4 (e-wallets): the bank's batch failed the capture or refund, so the order goes back
        // to where it was before it (a compensating transition, as a withdrawn capture or refund)
        boolean failedAtBank = "4".equals(NewebPayStatusMapping.closeStatus(payload.field("PaymentType"),
                payload.field("CloseStatus"))) || "4".equals(payload.field("BackStatus"));
        return new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), orderNo, payload.field("TradeNo"), state, "query"),
                event, rawPayload, failedAtBank);
    }

    static PaymentEvent payment(NewebPayMerchant merchant, NewebPayPayload payload, String orderNo, PaymentStatus status,
                                EventSource source, OffsetDateTime receivedAt, RecurringCharge recurring) {
        String merchantId = payload.field("MerchantID");
        return new PaymentEvent(
                NewebPay.CODE,
                merchant.alias(),
                merchantId != null ? merchantId : merchant.merchantId(),
                orderNo,
                payload.field("TradeNo"),
                status,
                amount(payload.field("Amt") != null ? payload.field("Amt") : payload.field("AuthAmt")),
                method(payload),
                card(payload, receivedAt),
                firstPresent(payload.field("Auth"), payload.field("AuthCode")),
                occurredAt(payload),
                receivedAt,
                source,
                payload.status(),
                payload.field("RespondCode"),
                firstPresent(emptyToNull(payload.message()), payload.field("RespondMsg")),
                null,
                recurring);
    }

    static String required(NewebPayPayload payload, String field) {
        String value = payload.field(field);
        if (value == null || value.isBlank()) {
            throw new NewebPayDecodeException("Result field " + field + " is missing");
        }
        return value;
    }

    static Money amount(String amt) {
        if (amt == null || amt.isBlank()) {
            return null;
        }
        try {
            return new Money(new BigDecimal(amt.trim()), "TWD");
        } catch (NumberFormatException e) {
            throw new NewebPayDecodeException("Amt is not a number");
        }
    }

    private static String method(NewebPayPayload payload) {
        return NewebPayStatusMapping.paidAs(firstPresent(payload.field("PaymentType"), payload.field("PaymentMethod"),
                "CREDIT"), payload.field("PaymentMethod"), payload.field("Inst"), payload.field("RedAmt"));
    }

    /** Card6No/Card4No, or a masked CardNo such as 400022******1111; never more than bin6 and last4. */
    static CardSummary card(NewebPayPayload payload, OffsetDateTime receivedAt) {
        String bin6 = payload.field("Card6No");
        String last4 = payload.field("Card4No");
        String masked = payload.field("CardNo");
        if (bin6 == null && last4 == null && masked != null && masked.length() >= 10) {
            bin6 = masked.substring(0, 6);
            last4 = masked.substring(masked.length() - 4);
        }
        bin6 = bin6 != null && SIX_DIGITS.matcher(bin6).matches() ? bin6 : null;
        last4 = last4 != null && FOUR_DIGITS.matcher(last4).matches() ? last4 : null;
        String expiry = expiry(payload.field("Exp"), receivedAt);
        if (bin6 == null && last4 == null && expiry == null) {
            return null;
        }
        return new CardSummary(bin6, last4, null, expiry);
    }

    /**
     * NewebPay's Exp is YYMM: of the years ending in YY, the one from twenty years before the hub heard of the trade to
     * seventy-nine after (a card a trade used expires a few years either side of it), so the century is right after
     * 2099 too.
     */
    private static String expiry(String exp, OffsetDateTime receivedAt) {
        if (exp == null || !YEAR_MONTH.matcher(exp).matches()) {
            return null;
        }
        int now = (receivedAt != null ? receivedAt : OffsetDateTime.now()).getYear();
        int year = now - Math.floorMod(now - Integer.parseInt(exp.substring(0, 2)), 100);
        if (now - year > 20) {
            year += 100;
        }
        return year + "-" + exp.substring(2);
    }

    /**
     * When it happened, per the field the result carries: PayTime (MPG, query), the mandate result's AuthTime, the
     * period charge's AuthDate, or the token charge's AuthDate (yyyyMMdd) with AuthTime (HHmmss).
     */
    static OffsetDateTime occurredAt(NewebPayPayload payload) {
        if (payload.field("PayTime") != null && !payload.field("PayTime").isBlank()) {
            return NewebPayTimes.time(payload.field("PayTime"), "PayTime");
        }
        return NewebPayTimes.dateAndTime(payload.field("AuthDate"), payload.field("AuthTime"), "AuthDate", "AuthTime");
    }

    static String firstPresent(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
