package tw.twpay.hub.provider.flashpay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CallbackAcknowledgement;
import tw.twpay.hub.provider.CallbackChannel;
import tw.twpay.hub.provider.CallbackConfirmation;
import tw.twpay.hub.provider.CallbackFacts;
import tw.twpay.hub.provider.CallbackRequest;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.provider.StoredCallback;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * {@code /callbacks/flashpay/{merchant}/notify}: FlashPay's return_url (form ver, dat, chk). chk is not keyed, so a
 * notify is only a hint: it must decrypt with this merchant's keys into JSON naming this mer_id, and then a 107 query
 * confirms it before anything is stored — what FlashPay's 107 says is stored (source CALLBACK), after checking the
 * merchant, the order, FlashPay's order_no and the amount against the notify (an amount other than the order's is
 * stored flagged AMOUNT_MISMATCH by the ledger and does not mark the order paid). The answer is exactly {@code 1|OK},
 * only after the commit; every refusal (undecryptable, forged, unconfirmed, mismatching) gets the pipeline's one refusal,
 * so FlashPay sends the notify again (every 30 minutes, four times) and the missed-notify poll takes over after.
 *
 * <p>Real notifies differ from the manual: order_status may be absent (ret_code 00 with an auth_id_resp means
 * authorised), amt may be "0.00" with the amount in tx_amt, numbers may be strings, ord_time may end in "+08".
 */
@Component("flashPayNotifyChannel")
public class FlashPayNotifyChannel implements CallbackChannel {

    /** The tx_type of FlashPay's result notify (return_url). */
    static final String NOTIFY_TX_TYPE = "104";

    private final FlashPayMerchants merchants;
    private final Clock clock;

    public FlashPayNotifyChannel(FlashPayMerchants merchants, Clock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    /** What the notify claimed, kept to compare with FlashPay's 107 answer. */
    record Claim(FlashPayMerchant merchant, FlashPayPayload notice, String orderNo) {

        /**
         * A ret_code present and other than 00, or order_status ZF. (In a notify, the manual has order_status 00 mean
         * "well-formed", so 00 there claims nothing; and a notify without a ret_code claims nothing either: 107's
         * ambiguous 00 is read as a failure only on FlashPay's explicit word.)
         */
        boolean claimsFailure() {
            String retCode = notice.present("ret_code");
            return (retCode != null && !notice.isSuccess()) || "ZF".equals(notice.present("order_status"));
        }
    }

    @Override
    public CallbackFacts decode(CallbackRequest request) {
        FlashPayMerchant merchant = merchants.require(request.merchant());
        FlashPayPayload notify;
        try {
            notify = merchant.codec().open(request.requiredField("dat"), request.requiredField("chk"));
        } catch (FlashPayDecodeException e) {
            throw RejectedRequestException.badRequest("FlashPay notify: " + e.getMessage());
        }
        // the result notify is tx_type 104; the trade request the hub hands the customer's browser (101) is sealed
        // with the same keys and names the same mer_id and ord_no, so a customer could post it back as a "notify"
        if (!NOTIFY_TX_TYPE.equals(notify.present("tx_type"))) {
            throw RejectedRequestException.badRequest("FlashPay notify: tx_type is not " + NOTIFY_TX_TYPE
                    + " (a result notify)");
        }
        if (!merchant.merchantId().equals(notify.field("mer_id"))) {
            throw RejectedRequestException.badRequest("FlashPay notify: mer_id is not the one of merchant "
                    + merchant.alias());
        }
        String orderNo = notify.present("ord_no");
        if (!FlashPay.isOrderNo(orderNo)) {
            throw RejectedRequestException.badRequest("FlashPay notify: ord_no is missing or not an order number");
        }
        // nothing is a fact yet: the 107 answer decides what is stored
        return new CallbackFacts(request, List.of(), new Claim(merchant, notify, orderNo));
    }

    @Override
    public GatewayRequest confirmation(CallbackFacts decoded) {
        Claim claim = (Claim) decoded.context();
        return FlashPayTradeQueries.request(claim.merchant(), claim.orderNo(), claim);
    }

    @Override
    public CallbackFacts confirm(CallbackConfirmation confirmation) {
        Claim claim = (Claim) confirmation.decoded().context();
        FlashPayMerchant merchant = claim.merchant();
        FlashPayPayload answer = FlashPayTradeQueries.confirmedAnswer(merchant, confirmation.call(), claim.orderNo());
        try {
            requireSameTrade(claim, answer);
            PaymentStatus status = confirmedStatus(claim, answer);
            Money confirmedAmount = FlashPayTradeMapper.reportedAmount(answer, status);
            requireSameAmount(claim, confirmedAmount);
            OffsetDateTime now = OffsetDateTime.now(clock);
            PaymentEvent event = event(merchant, claim, answer, status, confirmedAmount, now);
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("notify", claim.notice().fields());
            raw.put("query107", answer.fields());
            // what 107 says, as a query of it would store it: the same state learned both ways is one fact
            LedgerFact fact = FlashPayTradeMapper.from107(merchant, answer, event, CanonicalJson.toText(raw));
            return new CallbackFacts(confirmation.decoded().request(), List.of(fact), claim);
        } catch (FlashPayDecodeException e) {
            throw RejectedRequestException.badRequest("FlashPay notify not confirmed: " + e.getMessage());
        }
    }

    /**
     * The status FlashPay's 107 reports. A notify is not stored while 107 still says pending (FlashPay will send it
     * again, the poll asks again), except a notify of failure confirmed by 00 (授權中/授權失敗): that is FAILED.
     */
    private static PaymentStatus confirmedStatus(Claim claim, FlashPayPayload answer) {
        PaymentStatus status = FlashPayStatusMapping.of(answer.field("order_status"),
                FlashPayTradeMapper.decimal(answer, "tot_pay_amt"), FlashPayTradeMapper.decimal(answer, "tot_ret_amt"));
        if (status != PaymentStatus.PENDING) {
            return status;
        }
        if (claim.claimsFailure() && FlashPayStatusMapping.AUTHORISING_OR_FAILED.equals(answer.field("order_status"))) {
            return PaymentStatus.FAILED;
        }
        throw RejectedRequestException.badRequest("FlashPay notify not confirmed: 107 reports order_status "
                + answer.field("order_status") + " (still pending)");
    }

    /**
     * FlashPay's own order number (order_no), when the notify and 107 both name one, must be the same: otherwise the
     * 107 answer is about another trade than the one notified, and the notify is not confirmed.
     */
    private static void requireSameTrade(Claim claim, FlashPayPayload answer) {
        String notified = claim.notice().present("order_no");
        String confirmed = answer.present("order_no");
        if (notified != null && confirmed != null && !notified.equals(confirmed)) {
            throw RejectedRequestException.badRequest("FlashPay notify not confirmed: its order_no is not the one 107 "
                    + "reports");
        }
    }

    /**
     * The amount 107 confirms must be the one the notify names (when it names one): otherwise the notify is not
     * confirmed. Against the order it is not refused: what FlashPay confirms moved is stored as it is, and the
     * ledger flags a payment in another amount than the order's (AMOUNT_MISMATCH) without marking the order paid.
     * A 107 naming no amount gets here only with a status that moves no money (see
     * {@link FlashPayTradeMapper#reportedAmount}): there is nothing to compare.
     */
    private static void requireSameAmount(Claim claim, Money confirmed) {
        if (confirmed == null) {
            return;
        }
        Money claimed = FlashPayTradeMapper.amount(claim.notice());
        if (claimed != null && claimed.value().signum() > 0 && claimed.compareTo(confirmed) != 0) {
            throw RejectedRequestException.badRequest("FlashPay notify not confirmed: its amount " + claimed.text()
                    + " is not the " + confirmed.text() + " 107 reports");
        }
    }

    /**
     * What 107 reports wherever it reports it (status, amount, FlashPay's order_no, auth code, order time), completed
     * by what only the notify tells: the authorisation time (purchase_date), an auth code 107 leaves out, and
     * ret_code/ret_msg — a 107's are about the query itself (always 00 here), the notify's about the payment.
     */
    private static PaymentEvent event(FlashPayMerchant merchant, Claim claim, FlashPayPayload answer,
                                      PaymentStatus status, Money amount, OffsetDateTime now) {
        PaymentEvent confirmed = FlashPayTradeMapper.payment(merchant, answer, claim.orderNo(), status,
                EventSource.CALLBACK, now);
        PaymentEvent notified = FlashPayTradeMapper.payment(merchant, claim.notice(), claim.orderNo(), status,
                EventSource.CALLBACK, now);
        OffsetDateTime authorisedAt = FlashPayTradeMapper.taipeiTime(claim.notice().present("purchase_date"));
        return new PaymentEvent(FlashPay.CODE, merchant.alias(), merchant.merchantId(), claim.orderNo(),
                first(confirmed.providerTradeId(), notified.providerTradeId()), status, amount, confirmed.method(),
                null, first(confirmed.authCode(), notified.authCode()),
                first(authorisedAt, first(confirmed.occurredAt(), notified.occurredAt())), now,
                EventSource.CALLBACK, first(confirmed.providerStatus(), notified.providerStatus()),
                first(notified.providerCode(), confirmed.providerCode()),
                first(notified.providerMessage(), confirmed.providerMessage()), null, null);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    @Override
    public CallbackAcknowledgement acknowledge(StoredCallback stored) {
        return CallbackAcknowledgement.text(FlashPay.ACKNOWLEDGEMENT);
    }
}
