package tw.twpay.hub.provider.flashpay;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;

/**
 * Decoded FlashPay answers and notifies as canonical facts. FlashPay writes amounts as strings with two decimals
 * ("855.00"), sometimes as numbers, and a notify may carry {@code amt} "0.00" with the amount in {@code tx_amt};
 * times are Taipei local time, with or without a "+08" suffix.
 */
public final class FlashPayTradeMapper {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FlashPayTradeMapper() {
    }

    /**
     * A 107 (or one 106 entry) answer as a QUERY fact. One fact per distinct state FlashPay reports, so asking again
     * about an unchanged order is a duplicate.
     */
    public static LedgerFact fromQuery(FlashPayMerchant merchant, FlashPayPayload answer, PaymentStatus status,
                                       EventSource source, OffsetDateTime receivedAt, String rawPayload) {
        String orderNo = required(answer, "ord_no");
        reportedAmount(answer, status); // refuses money moved without an amount
        return from107(merchant, answer, payment(merchant, answer, orderNo, status, source, receivedAt), rawPayload);
    }

    /**
     * The fact of a 107 answer about the order, as {@code event} tells it, whichever way the hub asked (a query, a
     * notify's confirmation): one key per state FlashPay reports, so the same state learned both ways is one fact,
     * delivered once. A refund's fact carries what has been refunded ({@code tot_ret_amt}), as the other providers'
     * refund facts do; the order keeps the trade's amount. 00 read as FAILED (past the authorisation time-out, or
     * the decline a notify claims) is another fact than the same 00 read as still pending.
     */
    static LedgerFact from107(FlashPayMerchant merchant, FlashPayPayload answer, PaymentEvent event,
                              String rawPayload) {
        PaymentStatus status = event.status();
        BigDecimal refunded = decimal(answer, "tot_ret_amt");
        if ((status == PaymentStatus.PARTIALLY_REFUNDED || status == PaymentStatus.REFUNDED
                || status == PaymentStatus.REFUND_REQUESTED) && refunded != null && refunded.signum() > 0) {
            event = event.withAmount(new Money(refunded, "TWD"));
        }
        boolean failedOn00 = status == PaymentStatus.FAILED
                && FlashPayStatusMapping.AUTHORISING_OR_FAILED.equals(answer.field("order_status"));
        return new LedgerFact(LedgerFact.key(FlashPay.CODE, merchant.alias(), event.orderNo(),
                answer.field("order_no"), answer.field("order_status"), answer.field("tot_pay_amt"),
                answer.field("tot_ret_amt"), failedOn00 ? "query-failed" : "query"), event, rawPayload);
    }

    static PaymentEvent payment(FlashPayMerchant merchant, FlashPayPayload payload, String orderNo,
                                PaymentStatus status, EventSource source, OffsetDateTime receivedAt) {
        return new PaymentEvent(
                FlashPay.CODE,
                merchant.alias(),
                merchant.merchantId(),
                orderNo,
                payload.present("order_no"),
                status,
                amount(payload),
                "2".equals(payload.field("pay_type")) ? "UNIONPAY" : FlashPayPayments.METHOD,
                null,
                payload.present("auth_id_resp"),
                firstTime(payload.present("purchase_date"), payload.present("ord_time")),
                receivedAt,
                source,
                payload.present("order_status"),
                payload.present("ret_code"),
                payload.present("ret_msg"),
                null,
                null);
    }

    /** tx_amt when it is there and not zero, else amt: a real notify sends amt "0.00" with the amount in tx_amt. */
    static Money amount(FlashPayPayload payload) {
        BigDecimal txAmt = decimal(payload, "tx_amt");
        BigDecimal amt = decimal(payload, "amt");
        BigDecimal value = txAmt != null && txAmt.signum() > 0 ? txAmt : amt != null && amt.signum() > 0 ? amt : txAmt;
        return value == null ? null : new Money(value, "TWD");
    }

    /**
     * The amount of a trade FlashPay reports in this status, for every answer that moves an order (107 query, notify
     * confirmation, 106 settlement). Authorised, captured or refunded money without an amount is refused: the ledger
     * could not check it against the order. PENDING, FAILED and VOIDED move no money and may come without one (the
     * manual's own 107 example, a cancelled order, has no tx_amt).
     *
     * @throws FlashPayDecodeException when the status moves money and no amount is named
     */
    static Money reportedAmount(FlashPayPayload payload, PaymentStatus status) {
        Money amount = amount(payload);
        if (amount == null && status != PaymentStatus.PENDING && status != PaymentStatus.FAILED
                && status != PaymentStatus.VOIDED) {
            throw new FlashPayDecodeException("it reports " + status + " but names no amount (tx_amt)");
        }
        return amount;
    }

    /** A decimal field ("855.00", 855, "0"); null when absent or blank. */
    static BigDecimal decimal(FlashPayPayload payload, String field) {
        String text = payload.present(field);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new FlashPayDecodeException(field + " is not a number");
        }
    }

    private static OffsetDateTime firstTime(String... texts) {
        for (String text : texts) {
            OffsetDateTime time = taipeiTime(text);
            if (time != null) {
                return time;
            }
        }
        return null;
    }

    /**
     * {@code 2022-05-27 11:38:38}, {@code 2022-05-27 11:38:38+08} or {@code +08:00}, {@code 2022/05/27 10:13:10}:
     * Taipei local time unless an offset is given. Blank or all-zero: none.
     */
    static OffsetDateTime taipeiTime(String text) {
        if (text == null || text.isBlank() || text.startsWith("0000")) {
            return null;
        }
        String value = text.trim().replace('/', '-');
        try {
            if (value.length() > 19) {
                LocalDateTime local = LocalDateTime.parse(value.substring(0, 19), LOCAL_TIME);
                String offset = value.substring(19).trim();
                return local.atOffset(ZoneOffset.of(offset.length() == 3 ? offset + ":00" : offset));
            }
            return LocalDateTime.parse(value, LOCAL_TIME).atZone(FlashPay.TAIPEI).toOffsetDateTime();
        } catch (java.time.DateTimeException e) {
            throw new FlashPayDecodeException("a time field is not yyyy-MM-dd HH:mm:ss[+08]");
        }
    }

    static String required(FlashPayPayload payload, String field) {
        String value = payload.present(field);
        if (value == null) {
            throw new FlashPayDecodeException(field + " is missing");
        }
        return value;
    }
}
