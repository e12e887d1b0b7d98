package tw.twpay.hub.provider.newebpay;

import java.time.OffsetDateTime;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.RecurringCharge;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * Decoded NDNP (定期定額) results as ledger facts: the mandate's creation and each period's charge. A failed
 * charge is a FAILED payment carrying the bank's reason; the gateway does not suspend the mandate itself, so the
 * ERP decides (AlterStatus) what happens next.
 */
public final class NewebPayPeriodMapper {

    private NewebPayPeriodMapper() {
    }

    public static LedgerFact fromPeriodNotify(NewebPayMerchant merchant, NewebPayPayload payload,
                                              OffsetDateTime receivedAt, String rawPayload) {
        String mandateOrder = NewebPayTradeMapper.required(payload, "MerchantOrderNo");
        String periodNo = NewebPayTradeMapper.required(payload, "PeriodNo");
        PaymentStatus status = payload.isSuccess() ? PaymentStatus.CAPTURED : PaymentStatus.FAILED;
        String alreadyTimes = payload.field("AlreadyTimes");
        if (alreadyTimes != null) {
            // one period's charge: its order number is MerchantOrderNo_N
            String orderNo = NewebPayTradeMapper.firstPresent(payload.field("OrderNo"), mandateOrder + "_" + alreadyTimes);
            RecurringCharge recurring = new RecurringCharge(periodNo, integer(alreadyTimes, "AlreadyTimes"),
                    integer(payload.field("TotalTimes"), "TotalTimes"),
                    NewebPayTradeMapper.taipeiDate(payload.field("NextAuthDate")));
            PaymentEvent charge = NewebPayTradeMapper.payment(merchant, payload, orderNo, status, EventSource.CALLBACK,
                    receivedAt, recurring);
            return new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), orderNo,
                    payload.field("TradeNo"), payload.status(), "period-charge"), charge, rawPayload);
        }
        // The mandate itself, created by the customer on the /MPG/period page. Money moved only when the first
        // period was charged at once (PeriodStartType 2: the first scheduled date is the authorisation's date);
        // otherwise the card was only verified and the mandate set up.
        if (status == PaymentStatus.CAPTURED && !chargedAtOnce(payload)) {
            status = PaymentStatus.AUTHORIZED;
        }
        RecurringCharge mandate = new RecurringCharge(periodNo, null,
                integer(NewebPayTradeMapper.firstPresent(payload.field("AuthTimes"), payload.field("TotalTimes")), "AuthTimes"),
                null);
        PaymentEvent created = NewebPayTradeMapper.payment(merchant,
                withAmount(payload), mandateOrder, status, EventSource.CALLBACK, receivedAt, mandate);
        return new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), mandateOrder, periodNo,
                payload.status(), "period-mandate"), created, rawPayload);
    }

    private static boolean chargedAtOnce(NewebPayPayload payload) {
        String dates = payload.field("DateArray");
        java.time.LocalDate authorised = NewebPayTradeMapper.taipeiDate(payload.field("AuthTime"));
        if (dates == null || authorised == null) {
            return false;
        }
        String first = dates.replaceAll("[\\[\\]\"\\s]", "").split(",")[0];
        return first.equals(authorised.toString());
    }

    /** The mandate result names its amount PeriodAmt. */
    private static NewebPayPayload withAmount(NewebPayPayload payload) {
        if (payload.field("Amt") != null || payload.field("PeriodAmt") == null) {
            return payload;
        }
        java.util.Map<String, String> result = new java.util.LinkedHashMap<>(payload.result());
        result.put("Amt", payload.field("PeriodAmt"));
        return new NewebPayPayload(payload.status(), payload.message(), result);
    }

    private static Integer integer(String value, String field) {
        if (value == null || value.isBlank() || "NE".equalsIgnoreCase(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new NewebPayDecodeException(field + " is not a whole number");
        }
    }
}
