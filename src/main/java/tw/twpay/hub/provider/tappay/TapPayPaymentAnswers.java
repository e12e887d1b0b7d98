package tw.twpay.hub.provider.tappay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.canonical.PaymentEvent;
import tw.twpay.hub.canonical.PaymentStatus;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;

/**
 * What Pay by Prime and Pay by Card Token share: the PENDING intent journalled before the call, and the reading of
 * the pay answer (status table in tappay.md): success → AUTHORIZED or CAPTURE_REQUESTED, a payment_url → PENDING with
 * a REDIRECT, a refusal → FAILED with TapPay's and the bank's reasons, an unknown outcome → nothing (PENDING stays).
 */
@Component
public class TapPayPaymentAnswers {

    private final TapPayTrades trades;
    private final TapPayCardVault vault;
    private final Clock clock;

    public TapPayPaymentAnswers(TapPayTrades trades, TapPayCardVault vault, Clock clock) {
        this.trades = trades;
        this.vault = vault;
        this.clock = clock;
    }

    /** What was sent: the answer must be about it. */
    record Sent(String orderNo, Money amount, TapPayTrades.Trade trade, long wireAmount, int delayCaptureInDays,
                boolean remember) {
    }

    /** PENDING with the trade's bank_transaction_id, journalled before the call. */
    LedgerFact intent(TapPayMerchant merchant, String orderNo, Money amount, TapPayTrades.Trade trade, String call) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        PaymentEvent pending = new PaymentEvent(TapPay.CODE, merchant.alias(), merchant.portalId(), orderNo, null,
                PaymentStatus.PENDING, amount, "CREDIT", null, null, now, now, EventSource.COMMAND, null, null,
                call + " sent as bank_transaction_id " + trade.bankTransactionId(), null, null);
        return new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(), orderNo, trade.bankTransactionId(),
                "PENDING"), pending, null);
    }

    CommandResult read(TapPayMerchant merchant, Sent sent, GatewayCall call) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String bankTransactionId = sent.trade().bankTransactionId();
        int httpStatus = call.answer().status();
        if (httpStatus == 401 || httpStatus == 403) {
            // the key was refused: TapPay did nothing, and says so
            PaymentEvent refused = new PaymentEvent(TapPay.CODE, merchant.alias(), merchant.portalId(),
                    sent.orderNo(), null, PaymentStatus.FAILED, sent.amount(), "CREDIT", null, null, now, now,
                    EventSource.COMMAND, "HTTP_" + httpStatus, null, "TapPay refused the partner key", null, null);
            return result(merchant, sent, List.of(new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(),
                    sent.orderNo(), bankTransactionId, "pay", "HTTP_" + httpStatus), refused, null)), null);
        }
        TapPayAnswer answer = TapPayAnswer.readKnown(call);
        if (TapPayAnswer.duplicateTrade(answer.status())) {
            // an earlier attempt of this payment reached TapPay (e.g. before a crash): never a second trade, never
            // FAILED; Record on the bank_transaction_id settles the order
            throw TapPayAnswer.unknown("status " + answer.describe() + " for bank_transaction_id " + bankTransactionId);
        }
        String recTradeId = answer.text("rec_trade_id");
        trades.recordRecTradeId(sent.trade(), recTradeId);
        String raw = TapPayCardVault.withoutCardSecret(answer.body());
        if (!answer.success()) {
            PaymentEvent failed = TapPayEvents.payment(merchant, sent.orderNo(), recTradeId, PaymentStatus.FAILED,
                    sent.amount(), answer.body(), EventSource.COMMAND, now, Integer.toString(answer.status()),
                    answer.msg());
            return result(merchant, sent, List.of(new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(),
                    sent.orderNo(), bankTransactionId, "pay", answer.status()), failed, raw)), null);
        }
        checkSameTrade(answer, sent);
        String paymentUrl = answer.text("payment_url");
        PaymentStatus status = TapPayStatusMapping.ofPayAnswer(answer.status(), paymentUrl != null,
                sent.delayCaptureInDays());
        PaymentEvent paid = TapPayEvents.payment(merchant, sent.orderNo(), recTradeId, status, sent.amount(),
                answer.body(), EventSource.COMMAND, now, Integer.toString(answer.status()), answer.msg());
        List<LedgerFact> facts = new ArrayList<>();
        facts.add(new LedgerFact(LedgerFact.key(TapPay.CODE, merchant.alias(), sent.orderNo(), bankTransactionId,
                "pay", status), paid, raw));
        if (sent.remember()) {
            facts.addAll(vault.store(merchant, sent.orderNo(), answer.body(), now));
        }
        return result(merchant, sent, facts, paymentUrl == null ? null
                : TapPayRedirect.to(paymentUrl, merchant, sent.orderNo()));
    }

    /** TapPay must answer about the trade it was asked to make: same bank_transaction_id, amount and currency. */
    private static void checkSameTrade(TapPayAnswer answer, Sent sent) {
        String bankTransactionId = answer.text("bank_transaction_id");
        if (bankTransactionId != null && !bankTransactionId.equals(sent.trade().bankTransactionId())) {
            throw new GatewayAnswerException("TapPay answered about another bank_transaction_id");
        }
        if (TapPayJson.isAmount(answer.path("amount")) && answer.path("amount").asLong() != sent.wireAmount()) {
            throw new GatewayAnswerException("TapPay answered another amount than the hub sent");
        }
        String currency = answer.text("currency");
        if (currency != null && !currency.equals(sent.amount().currency())) {
            throw new GatewayAnswerException("TapPay answered another currency than the hub sent");
        }
    }

    private static CommandResult result(TapPayMerchant merchant, Sent sent, List<LedgerFact> facts, Object response) {
        return new CommandResult(TapPay.ID, merchant.alias(), sent.orderNo(), facts, response);
    }
}
