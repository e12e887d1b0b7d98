package tw.twpay.hub.sandbox.newebpay;

/**
 * How the customer paid: PaymentType (CREDIT or an e-wallet), PaymentMethod (CREDIT, UNIONPAY or the wallet),
 * installments (Inst, 0 for none) and bonus-point redemption (紅利折抵).
 */
record SimulatedPayment(String paymentType, String paymentMethod, int inst, boolean redeemed) {

    static final SimulatedPayment CARD = new SimulatedPayment("CREDIT", "CREDIT", 0, false);

    boolean wallet() {
        return !"CREDIT".equals(paymentType);
    }

    boolean unionPay() {
        return "UNIONPAY".equals(paymentMethod);
    }

    /** Installments and redemption are captured and refunded whole (NDNF §4.5 Amt). */
    boolean wholeOnly() {
        return inst > 0 || redeemed;
    }
}
