package tw.twpay.hub.provider.newebpay;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.twpay.hub.canonical.EventFlag;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.MandateChange;
import tw.twpay.hub.canonical.MandateEvent;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.canonical.RecurringCharge;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * Confirmed NDNP (定期定額) results as ledger facts. A mandate's creation is a {@code tw.twpay.mandate.v1} CREATED
 * event; only a real charge is a payment: the first period charged at once (PeriodStartType 2) and each period's
 * charge. The ten-dollar card check (1) is cancelled by the gateway and a mandate without authorisation (3) moved no
 * money, so neither is a payment. A failed charge is a FAILED payment carrying the bank's reason; the gateway does
 * not suspend the mandate itself, so the ERP decides (AlterStatus) what happens next. A period's charge of another
 * amount than the mandate's ({@link NewebPayMandateAmounts}) is stored flagged AMOUNT_MISMATCH.
 */
public final class NewebPayPeriodMapper {

    private NewebPayPeriodMapper() {
    }

    /**
     * @param expectedCharge what a period's charge should amount to ({@link NewebPayMandateAmounts}), or null when
     *                       unknown: a charge of another amount is flagged AMOUNT_MISMATCH for a human
     */
    static List<LedgerFact> facts(NewebPayPeriodNotice notice, OffsetDateTime receivedAt, String rawPayload,
                                  Money expectedCharge) {
        NewebPayMerchant merchant = notice.merchant();
        NewebPayPayload payload = notice.payload();
        String periodNo = NewebPayTradeMapper.required(payload, "PeriodNo");
        PaymentStatus status = notice.success() ? PaymentStatus.CAPTURED : PaymentStatus.FAILED;
        if (notice.kind() == NewebPayPeriodNotice.Kind.CHARGE) {
            String alreadyTimes = payload.field("AlreadyTimes");
            RecurringCharge recurring = new RecurringCharge(periodNo, notice.mandateOrderNo(),
                    integer(alreadyTimes, "AlreadyTimes"),
                    integer(payload.field("TotalTimes"), "TotalTimes"),
                    NewebPayTimes.date(payload.field("NextAuthDate"), "NextAuthDate"));
            PaymentEvent charge = NewebPayTradeMapper.payment(merchant, payload, notice.tradeOrderNo(), status,
                    EventSource.CALLBACK, receivedAt, recurring);
            if (status == PaymentStatus.CAPTURED && expectedCharge != null && charge.amount() != null
                    && !sameMoney(charge.amount(), expectedCharge)) {
                // the charge's order is new, so the ledger has nothing to check it against: the mandate's amount is
                charge = charge.withFlag(EventFlag.AMOUNT_MISMATCH);
            }
            return List.of(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), notice.tradeOrderNo(),
                    notice.tradeNo(), payload.status(), "period-charge"), charge, rawPayload));
        }
        String mandateOrder = notice.mandateOrderNo();
        RecurringCharge mandate = new RecurringCharge(periodNo, null, null,
                integer(NewebPayTradeMapper.firstPresent(payload.field("AuthTimes"), payload.field("TotalTimes")), "AuthTimes"),
                null);
        if (!notice.success()) {
            // the mandate was not created (its card check or first charge was refused)
            PaymentEvent refused = NewebPayTradeMapper.payment(merchant, withAmount(payload), mandateOrder,
                    PaymentStatus.FAILED, EventSource.CALLBACK, receivedAt, mandate);
            return List.of(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), mandateOrder, periodNo,
                    payload.status(), "period-mandate"), refused, rawPayload));
        }
        List<LedgerFact> facts = new ArrayList<>(2);
        List<LocalDate> dates = scheduledDates(payload);
        boolean firstCharged = notice.kind() == NewebPayPeriodNotice.Kind.FIRST_CHARGE;
        LocalDate nextCharge = dates.size() > (firstCharged ? 1 : 0) ? dates.get(firstCharged ? 1 : 0) : null;
        MandateEvent created = new MandateEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(), mandateOrder,
                periodNo, MandateChange.CREATED, NewebPayTradeMapper.amount(payload.field("PeriodAmt")), nextCharge,
                NewebPayTradeMapper.occurredAt(payload), receivedAt, EventSource.CALLBACK, payload.status(),
                payload.field("RespondCode"), payload.message());
        facts.add(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), mandateOrder, periodNo,
                "mandate-created"), created, rawPayload));
        if (firstCharged) {
            // the first period's charge: charge 1 of the mandate (the next period's notify says AlreadyTimes 2)
            RecurringCharge firstOfMandate = new RecurringCharge(periodNo, mandateOrder, 1, mandate.totalCharges(),
                    nextCharge);
            PaymentEvent first = NewebPayTradeMapper.payment(merchant, withAmount(payload), mandateOrder,
                    PaymentStatus.CAPTURED, EventSource.CALLBACK, receivedAt, firstOfMandate);
            facts.add(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), mandateOrder, periodNo,
                    payload.status(), "period-mandate"), first, rawPayload));
        }
        return facts;
    }

    private static boolean sameMoney(Money charged, Money expected) {
        return charged.currency().equals(expected.currency()) && charged.value().compareTo(expected.value()) == 0;
    }

    /** DateArray, "2023-11-15,2023-12-05,…" (a JSON array's text is read too). */
    static List<LocalDate> scheduledDates(NewebPayPayload payload) {
        String dates = payload.field("DateArray");
        if (dates == null || dates.isBlank()) {
            return List.of();
        }
        List<LocalDate> result = new ArrayList<>();
        for (String date : dates.replaceAll("[\\[\\]\"\\s]", "").split(",")) {
            if (!date.isEmpty()) {
                result.add(NewebPayTimes.date(date, "DateArray"));
            }
        }
        return result;
    }

    /** The mandate result names its amount PeriodAmt. */
    private static NewebPayPayload withAmount(NewebPayPayload payload) {
        if (payload.field("Amt") != null || payload.field("PeriodAmt") == null) {
            return payload;
        }
        Map<String, String> result = new LinkedHashMap<>(payload.result());
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
