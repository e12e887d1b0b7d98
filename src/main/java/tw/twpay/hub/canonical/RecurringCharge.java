package tw.twpay.hub.canonical;

import java.time.LocalDate;

/**
 * Where a payment stands in a recurring mandate (NewebPay 定期定額 and the like).
 *
 * @param mandateId      the provider's mandate id (NewebPay PeriodNo)
 * @param mandateOrderNo the order number the mandate was created under, when the provider tells it
 * @param chargeNumber   which charge this is, 1-based (NewebPay AlreadyTimes); null for the mandate itself
 * @param totalCharges   charges the mandate will make in all; null when open-ended
 * @param nextChargeDate the next scheduled charge, when the provider tells it
 */
public record RecurringCharge(String mandateId, String mandateOrderNo, Integer chargeNumber, Integer totalCharges, LocalDate nextChargeDate) {
}
