package tw.twpay.hub.provider.tappay;

/** The back-end API paths, the same on sandbox.tappaysdk.com, prod.tappaysdk.com and the in-process simulator. */
public final class TapPayPaths {

    public static final String PAY_BY_PRIME = "/tpc/payment/pay-by-prime";
    public static final String PAY_BY_TOKEN = "/tpc/payment/pay-by-token";
    public static final String REFUND = "/tpc/transaction/refund";
    public static final String RECORD = "/tpc/transaction/query";
    public static final String TRADE_HISTORY = "/tpc/transaction/trade-history";
    public static final String CAP_TODAY = "/tpc/transaction/cap";
    public static final String CAP_CANCEL = "/tpc/transaction/cap/cancel";
    public static final String REFUND_CANCEL = "/tpc/transaction/refund/cancel";
    public static final String RECONCILIATION = "/tpc/transaction/reconciliation";
    public static final String BIND_CARD = "/tpc/card/bind";
    public static final String REMOVE_CARD = "/tpc/card/remove";
    public static final String CARD_METADATA = "/tpc/card/metadata";
    public static final String UPDATE_CARDHOLDER = "/tpc/card/update-cardholder";
    public static final String CHECK_AFFILIATE_CODE = "/tpc/affiliate-code/check";
    public static final String GET_MEMBER_CARD = "/tpc/direct-pay/get-member-card";
    public static final String GET_BARCODE = "/tpc/direct-pay/get-barcode";
    public static final String PAY_BY_BARCODE = "/tpc/payment/pay-by-barcode";
    /** Production only: TapPay documents no sandbox host for it. */
    public static final String PUSH_TOKEN = "/tpc/tsp/token/push-tokenize";

    private TapPayPaths() {
    }
}
