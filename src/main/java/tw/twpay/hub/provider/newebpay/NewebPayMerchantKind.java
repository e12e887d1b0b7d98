package tw.twpay.hub.provider.newebpay;

/** NewebPay issues separate merchant credentials per product family. */
public enum NewebPayMerchantKind {
    /** 線上交易: MPG one-off payments, query, cancel, close/refund, token (約定) card payments. */
    NDNF,
    /** 定期定額: recurring credit-card mandates. */
    NDNP
}
