package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import tw.twpay.hub.provider.newebpay.NewebPayCheckCodes;

/**
 * One card trade of the simulated gateway and the rules of what may happen to it next: cancel the authorisation
 * (NPA-B01), request or cancel a capture or refund (NPA-B031..B034).
 *
 * <p>A capture or refund request waits (CloseStatus/BackStatus 1, 等待處理) until a QueryTradeInfo has reported it
 * once; from then on it is done (3). That compresses the bank's nightly batch into one look: the hub sees both the
 * requested and the completed state, and a test needs no clock. A refund is only possible once the capture is done,
 * as on the real gateway, and a request that is done can no longer be cancelled.
 *
 * <p>Not thread-safe: {@link SimulatedTrades} hands it out only under its lock.
 */
final class SimulatedTrade {

    /** TradeStatus of QueryTradeInfo. 0 (unpaid) never occurs: the simulated customer pays at once. */
    enum TradeStatus {
        PAID("1"), FAILED("2"), CANCELLED("3"), REFUNDED("6");

        final String code;

        TradeStatus(String code) {
            this.code = code;
        }
    }

    /** CloseStatus (capture) and BackStatus (refund); 2 (processing) is skipped; 4 (failed) only for e-wallets. */
    enum Request {
        NONE("0"), WAITING("1"), DONE("3"), FAILED("4");

        final String code;

        Request(String code) {
            this.code = code;
        }
    }

    /** Refusals of a request that the trade's state does not allow (not a code of the NDNF error table). */
    static final String NOT_ALLOWED = "TRA10040";
    /*
     * Refusals of an amount, with the NDNF-1.1.9 error table's codes (§5; the manual as transcribed in
     * omnipay-taiwan/omnipay-newebpay docs/, the same manual vectors/newebpay.json cites). TRA10041, which the simulator
     * used before for all three, is 網址格式錯誤 there.
     */
    /** 金額不符: a cancel or a withdrawal names another amount than the one it undoes. */
    static final String AMOUNT_NOT_THE_ONE = "TRA10050";
    /** 請退款金額超過授權金額，請確認: a capture above the authorised amount. */
    static final String ABOVE_AUTHORISED = "TRA10028";
    /** 已超過剩餘可退款金額，請確認: a refund above BackBalance. */
    static final String ABOVE_REFUNDABLE = "TRA10036";
    /** 可退金額不足 (the e-wallet refund API's own code): an e-wallet refund above what is left. */
    static final String WALLET_ABOVE_REFUNDABLE = "1105";
    /** 僅支援全額退款 (the e-wallet refund API's own code): Taiwan Pay is refunded whole. */
    static final String WALLET_WHOLE_ONLY = "1108";
    /** 銀聯卡交易只接受全額請款 (NDNF error table). */
    static final String UNIONPAY_WHOLE_CAPTURE = "TRA10031";
    /** 紅利交易只接授全額請退款 (NDNF error table). */
    static final String REDEMPTION_WHOLE_ONLY = "TRA10675";
    /** 金融機構取消授權批次處理中: the cancel is accepted, the bank voids the authorisation in its batch. */
    static final String CANCEL_IN_BANK_BATCH = "TRA20001";


    final String merchantId;
    final String merchantOrderNo;
    final String tradeNo;
    final BigDecimal amount;
    final SandboxCard card;
    final SimulatedIssuer.Authorisation authorisation;
    final String eci;
    final String tokenValue;
    final LocalDateTime createTime;
    final SimulatedPayment paidWith;

    private TradeStatus status;
    /** A test asked the bank's next batch to fail the waiting e-wallet request (status 4). */
    private boolean nextBatchFails;
    private Request capture = Request.NONE;
    private BigDecimal captureAmount = BigDecimal.ZERO;
    private LocalDate fundDate;
    private Request refund = Request.NONE;
    /** What may still be refunded: the captured amount less refunds done or waiting. */
    private BigDecimal backBalance = BigDecimal.ZERO;
    private BigDecimal refundWaiting = BigDecimal.ZERO;
    private BigDecimal refunded = BigDecimal.ZERO;

    SimulatedTrade(String merchantId, String merchantOrderNo, String tradeNo, BigDecimal amount, SandboxCard card,
                   SimulatedIssuer.Authorisation authorisation, String eci, String tokenValue, LocalDateTime createTime) {
        this(merchantId, merchantOrderNo, tradeNo, amount, card, authorisation, eci, tokenValue, createTime,
                SimulatedPayment.CARD);
    }

    SimulatedTrade(String merchantId, String merchantOrderNo, String tradeNo, BigDecimal amount, SandboxCard card,
                   SimulatedIssuer.Authorisation authorisation, String eci, String tokenValue, LocalDateTime createTime,
                   SimulatedPayment paidWith) {
        this.paidWith = paidWith;
        this.merchantId = merchantId;
        this.merchantOrderNo = merchantOrderNo;
        this.tradeNo = tradeNo;
        this.amount = amount;
        this.card = card;
        this.authorisation = authorisation;
        this.eci = eci;
        this.tokenValue = tokenValue;
        this.createTime = createTime;
        this.status = authorisation.approved() ? TradeStatus.PAID : TradeStatus.FAILED;
        if (paidWith.wallet() && authorisation.approved()) {
            // an e-wallet is captured by the gateway itself: 請款申請中 until the bank's batch (the next query)
            capture = Request.WAITING;
            captureAmount = amount;
        }
    }

    /**
     * The CheckCode of an answer about this trade. It covers Amt (as the answer writes it: the trade's amount, or the
     * amount a request named), MerchantID, MerchantOrderNo and TradeNo.
     */
    String checkCode(NewebPayCheckCodes codes, BigDecimal answeredAmount) {
        Map<String, String> covered = new LinkedHashMap<>();
        covered.put("Amt", answeredAmount.toPlainString());
        covered.put("MerchantID", merchantId);
        covered.put("MerchantOrderNo", merchantOrderNo);
        covered.put("TradeNo", tradeNo);
        return codes.checkCode(covered);
    }

    TradeStatus status() {
        return status;
    }

    Request capture() {
        return capture;
    }

    BigDecimal captureAmount() {
        return captureAmount;
    }

    Request refund() {
        return refund;
    }

    /**
     * 可退款餘額 as QueryTradeInfo reports it; for an e-wallet the captured amount less refunds done or waiting. A card
     * trade authorised and not (yet) captured reports its authorised amount, as the manual's genuine answer does
     * (vectors/newebpay.json: Amt 30, CloseStatus 0, CloseAmt null, BackBalance "30"); a refund still waits for the
     * capture to be done.
     */
    BigDecimal backBalance() {
        if (paidWith.wallet()) {
            return capture == Request.DONE ? amount.subtract(refunded).subtract(refundWaiting) : BigDecimal.ZERO;
        }
        if (capture != Request.DONE) {
            return status == TradeStatus.PAID ? amount : BigDecimal.ZERO;
        }
        return backBalance;
    }

    /** 預計撥款日: set once the capture is done. */
    LocalDate fundDate() {
        return fundDate;
    }

    /**
     * 取消授權: only an authorised trade with no capture asked for, for its whole amount.
     *
     * @return true when the bank voids it in its batch (the gateway answers TRA20001): the card is
     *         {@link SandboxCard#BANK_BATCH_CANCEL_NUMBER}
     */
    boolean cancelAuthorisation(BigDecimal requested) {
        requireCardApi();
        requireAuthorised("取消授權 (cancel the authorisation)");
        if (capture != Request.NONE) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED,
                    "已請款，無法取消授權 (a capture was requested; cancel the capture first)");
        }
        if (requested.compareTo(amount) != 0) {
            throw new SimulatedGatewayRefusal(AMOUNT_NOT_THE_ONE,
                    "取消授權金額與授權金額不符 (Amt must be the authorised amount " + amount.toPlainString() + ")");
        }
        status = TradeStatus.CANCELLED;
        return card.cancelledInBankBatch();
    }

    /** 請款: once, up to the authorised amount. */
    void requestCapture(BigDecimal requested) {
        requireCardApi();
        requireAuthorised("請款 (capture)");
        if (capture != Request.NONE) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "已請款 (a capture was already requested)");
        }
        if (requested.compareTo(amount) > 0) {
            throw new SimulatedGatewayRefusal(ABOVE_AUTHORISED,
                    "請款金額超過授權金額 (Amt exceeds the authorised amount " + amount.toPlainString() + ")");
        }
        if (paidWith.unionPay() && requested.compareTo(amount) != 0) {
            throw new SimulatedGatewayRefusal(UNIONPAY_WHOLE_CAPTURE, "銀聯卡交易只接受全額請款 (UnionPay is captured whole)");
        }
        if (paidWith.wholeOnly() && requested.compareTo(amount) != 0) {
            throw new SimulatedGatewayRefusal(REDEMPTION_WHOLE_ONLY,
                    "分期付款及紅利折抵僅可整筆金額請款及退款 (installments and redemption are captured whole)");
        }
        capture = Request.WAITING;
        captureAmount = requested;
    }

    /** 取消請款: only while the capture is still waiting, naming its amount. */
    void cancelCapture(BigDecimal requested) {
        requireCardApi();
        requireAuthorised("取消請款 (cancel the capture)");
        if (capture != Request.WAITING) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, capture == Request.DONE
                    ? "請款已完成，無法取消 (the capture is done; refund instead)"
                    : "無請款資料可取消 (no capture is waiting)");
        }
        requireSameAmount(requested, captureAmount, "請款");
        capture = Request.NONE;
        captureAmount = BigDecimal.ZERO;
    }

    /** 退款: only after the capture is done, one request at a time, up to BackBalance. */
    void requestRefund(BigDecimal requested) {
        requireCardApi();
        requireAuthorised("退款 (refund)");
        if (capture != Request.DONE) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED,
                    "尚未請款完成，無法退款 (only a captured trade can be refunded; cancel the authorisation instead)");
        }
        if (refund == Request.WAITING) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "退款處理中 (a refund is already waiting)");
        }
        if (requested.compareTo(backBalance) > 0) {
            throw new SimulatedGatewayRefusal(ABOVE_REFUNDABLE,
                    "退款金額超過可退款餘額 (Amt exceeds BackBalance " + backBalance.toPlainString() + ")");
        }
        if (paidWith.wholeOnly() && requested.compareTo(captureAmount) != 0) {
            throw new SimulatedGatewayRefusal(REDEMPTION_WHOLE_ONLY,
                    "分期付款及紅利折抵僅可整筆金額請款及退款 (installments and redemption are refunded whole)");
        }
        refund = Request.WAITING;
        refundWaiting = requested;
        backBalance = backBalance.subtract(requested);
    }

    /**
     * 電子錢包退款 (NPA-B06): a paid e-wallet trade, up to what is left; Taiwan Pay only for the whole amount. Partial
     * refunds may follow each other; once asked for, a wallet refund cannot be withdrawn.
     */
    void requestWalletRefund(BigDecimal requested, String paymentType) {
        if (!paidWith.wallet()) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "非電子錢包交易 (not an e-wallet trade: use CreditCard/Close)");
        }
        if (!paidWith.paymentType().equals(paymentType)) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "付款方式不符 (PaymentType " + paymentType
                    + " is not the trade's " + paidWith.paymentType() + ")");
        }
        if (status != TradeStatus.PAID) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "該交易無法退款 (TradeStatus is " + status.code + ")");
        }
        if ("TAIWANPAY".equals(paymentType) && requested.compareTo(amount) != 0) {
            throw new SimulatedGatewayRefusal(WALLET_WHOLE_ONLY, "台灣 Pay 退款金額須等於訂單金額 (Taiwan Pay is refunded whole)");
        }
        BigDecimal left = refundableByWallet();
        if (requested.compareTo(left) > 0) {
            throw new SimulatedGatewayRefusal(WALLET_ABOVE_REFUNDABLE,
                    "退款金額超過可退款餘額 (Amount exceeds what is left to refund, " + left.toPlainString() + ")");
        }
        refund = Request.WAITING;
        refundWaiting = refundWaiting.add(requested);
    }

    private BigDecimal refundableByWallet() {
        return amount.subtract(refunded).subtract(refundWaiting);
    }

    /** The bank's next batch fails the waiting e-wallet capture or refund (CloseStatus/BackStatus 4). */
    void failNextBatch() {
        if (!paidWith.wallet()) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "only e-wallet requests fail in the bank's batch (status 4)");
        }
        nextBatchFails = true;
    }

    /** 取消退款: only while the refund is still waiting, naming its amount. */
    void cancelRefund(BigDecimal requested) {
        if (refund != Request.WAITING) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "無退款資料可取消 (no refund is waiting)");
        }
        requireSameAmount(requested, refundWaiting, "退款");
        backBalance = backBalance.add(refundWaiting);
        refundWaiting = BigDecimal.ZERO;
        refund = refunded.signum() > 0 ? Request.DONE : Request.NONE;
    }

    /** What the bank's batch would do overnight: waiting requests are done. See the class comment for when. */
    void completeWaitingRequests(LocalDate today) {
        boolean fails = nextBatchFails;
        nextBatchFails = false;
        if (capture == Request.WAITING && fails) {
            capture = Request.FAILED;
            return;
        }
        if (capture == Request.WAITING) {
            capture = Request.DONE;
            backBalance = captureAmount;
            fundDate = today.plusDays(2);
        }
        if (refund == Request.WAITING && paidWith.wallet()) {
            refund = fails ? Request.FAILED : Request.DONE;
            if (!fails) {
                refunded = refunded.add(refundWaiting);
            }
            refundWaiting = BigDecimal.ZERO;
            if (amount.compareTo(refunded) == 0) {
                status = TradeStatus.REFUNDED;
            }
            return;
        }
        if (refund == Request.WAITING) {
            refund = Request.DONE;
            refunded = refunded.add(refundWaiting);
            refundWaiting = BigDecimal.ZERO;
            if (backBalance.signum() == 0) {
                status = TradeStatus.REFUNDED;
            }
        }
    }

    /** A failed attempt leaves the order number free for the customer's next try. */
    boolean blocksOrderNo() {
        return status != TradeStatus.FAILED;
    }

    /** The card APIs (Cancel, Close) are not for e-wallet trades: those are refunded through NPA-B06. */
    private void requireCardApi() {
        if (paidWith.wallet()) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "電子錢包交易不適用信用卡 API (an e-wallet trade: use EWallet/refund)");
        }
    }

    private void requireAuthorised(String what) {
        if (status != TradeStatus.PAID) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "該交易非授權成功狀態，無法" + what
                    + " (TradeStatus is " + status.code + ", not 1)");
        }
    }

    private static void requireSameAmount(BigDecimal requested, BigDecimal waiting, String what) {
        if (requested.compareTo(waiting) != 0) {
            throw new SimulatedGatewayRefusal(AMOUNT_NOT_THE_ONE, "取消金額與" + what + "金額不符 (Amt must be the waiting "
                    + what + " amount " + waiting.toPlainString() + ")");
        }
    }
}
