package tw.twpay.hub.provider.newebpay;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a decrypted {@code Period} notify claims, and the trade that would prove it. The notify carries no hash, so
 * the claim is only a hint until QueryTradeInfo, asked with the merchant's own keys, finds the same trade.
 *
 * @param kind         which of the NDNP results this is
 * @param tradeOrderNo the MerchantOrderNo the trade is filed under (the mandate's order number, or
 *                     {@code MerchantOrderNo_N} for the N-th period's charge); null when no trade was made
 * @param tradeNo      the TradeNo the notify names, or null
 * @param tradeAmount  the amount of that trade: the period's amount, or 10 for the card check
 * @param success      whether the notify reports success
 */
record NewebPayPeriodNotice(NewebPayMerchant merchant, NewebPayPayload payload, Kind kind, String tradeOrderNo,
                            String tradeNo, BigDecimal tradeAmount, boolean success) {

    /** The ten-dollar card check of PeriodStartType 1, cancelled by the gateway at once. */
    static final BigDecimal CARD_CHECK_AMOUNT = BigDecimal.TEN;

    enum Kind {
        /** A period's charge (NPA-N050): a payment of order MerchantOrderNo_N. */
        CHARGE,
        /** Mandate created and its first period charged at once (PeriodStartType 2): a mandate and a payment. */
        FIRST_CHARGE,
        /** Mandate created after a ten-dollar card check (PeriodStartType 1): a mandate, no payment. */
        CARD_CHECK,
        /** Mandate created without any authorisation (PeriodStartType 3): a mandate, no payment, no trade. */
        NO_TRADE
    }

    static NewebPayPeriodNotice of(NewebPayMerchant merchant, NewebPayPayload payload) {
        String mandateOrder = NewebPayTradeMapper.required(payload, "MerchantOrderNo");
        String tradeNo = NewebPayTradeMapper.firstPresent(payload.field("TradeNo"));
        boolean success = payload.isSuccess();
        String alreadyTimes = payload.field("AlreadyTimes");
        if (alreadyTimes != null) {
            String orderNo = NewebPayTradeMapper.firstPresent(payload.field("OrderNo"), mandateOrder + "_" + alreadyTimes.trim());
            return new NewebPayPeriodNotice(merchant, payload, Kind.CHARGE, orderNo, tradeNo,
                    wholeAmount(payload, "AuthAmt"), success);
        }
        if (tradeNo == null) {
            return new NewebPayPeriodNotice(merchant, payload, Kind.NO_TRADE, null, null, null, success);
        }
        if (chargedAtOnce(payload)) {
            return new NewebPayPeriodNotice(merchant, payload, Kind.FIRST_CHARGE, mandateOrder, tradeNo,
                    wholeAmount(payload, "PeriodAmt"), success);
        }
        return new NewebPayPeriodNotice(merchant, payload, Kind.CARD_CHECK, mandateOrder, tradeNo, CARD_CHECK_AMOUNT,
                success);
    }

    String mandateOrderNo() {
        return payload.field("MerchantOrderNo");
    }

    /**
     * PeriodStartType 2 charges the first period when the mandate is made, so the first scheduled date is the
     * authorisation's date; after the ten-dollar check (1) the schedule starts at the next period point.
     */
    private static boolean chargedAtOnce(NewebPayPayload payload) {
        LocalDate authorised = NewebPayTimes.date(payload.field("AuthTime"), "AuthTime");
        LocalDate first = NewebPayPeriodMapper.scheduledDates(payload).stream().findFirst().orElse(null);
        return authorised != null && authorised.equals(first);
    }

    private static BigDecimal wholeAmount(NewebPayPayload payload, String field) {
        String value = NewebPayTradeMapper.required(payload, field).trim();
        if (!value.matches("\\d{1,10}")) {
            throw new NewebPayDecodeException(field + " is not a whole number");
        }
        return new BigDecimal(value);
    }
}
