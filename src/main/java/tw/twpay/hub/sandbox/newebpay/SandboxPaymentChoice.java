package tw.twpay.hub.sandbox.newebpay;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the simulated customer picks on the MPG page among the methods the shop's form enabled (the real gateway
 * asks the customer; a test says it with the optional form field {@code SandboxPayWith}): {@code CREDIT},
 * {@code UNIONPAY}, {@code INST3} … {@code INST30} (installments, with InstFlag), {@code REDEEM} (CreditRed), or an
 * e-wallet: {@code LINEPAY}, {@code ESUNWALLET}, {@code TAIWANPAY}, {@code TWQR}, {@code EZPALIPAY},
 * {@code EZPWECHAT}. Without it: a card when CREDIT=1, else the first enabled of the others.
 */
final class SandboxPaymentChoice {

    static final String FIELD = "SandboxPayWith";
    static final List<String> WALLETS = List.of("LINEPAY", "ESUNWALLET", "TAIWANPAY", "TWQR", "EZPALIPAY", "EZPWECHAT");
    /** InstFlag's periods (NDNF §4.2.1); 1 = all of them. */
    private static final List<String> PERIODS = List.of("3", "6", "8", "12", "18", "24", "30");
    private static final String METHOD_NOT_ENABLED = "MPG02003";
    private static final String BAD_INST_FLAG = "MPG01008";

    private SandboxPaymentChoice() {
    }

    /**
     * @param form    the browser's form (SandboxPayWith)
     * @param request the decrypted MPG fields (which methods the shop enabled)
     */
    static SimulatedPayment chosenIn(SandboxForm form, SandboxForm request) {
        List<String> periods = instPeriods(request.text("InstFlag"));
        String choice = form.text(FIELD);
        if (choice == null) {
            choice = defaultChoice(request, periods);
        }
        choice = choice.toUpperCase(Locale.ROOT);
        if (choice.equals("CREDIT") && enabled(request, "CREDIT")) {
            return SimulatedPayment.CARD;
        }
        if (choice.equals("UNIONPAY") && enabled(request, "UNIONPAY")) {
            return new SimulatedPayment("CREDIT", "UNIONPAY", 0, false);
        }
        if (choice.equals("REDEEM") && enabled(request, "CreditRed")) {
            return new SimulatedPayment("CREDIT", "CREDIT", 0, true);
        }
        if (choice.startsWith("INST") && periods.contains(choice.substring(4))) {
            return new SimulatedPayment("CREDIT", "CREDIT", Integer.parseInt(choice.substring(4)), false);
        }
        if (WALLETS.contains(choice) && enabled(request, choice)) {
            return new SimulatedPayment(choice, choice, 0, false);
        }
        throw new SimulatedGatewayRefusal(METHOD_NOT_ENABLED, "支付方式未啟用 (" + choice
                + " is not a payment method this MPG form enabled)");
    }

    private static String defaultChoice(SandboxForm request, List<String> periods) {
        if (enabled(request, "CREDIT")) {
            return "CREDIT";
        }
        for (String wallet : WALLETS) {
            if (enabled(request, wallet)) {
                return wallet;
            }
        }
        if (enabled(request, "UNIONPAY")) {
            return "UNIONPAY";
        }
        if (!periods.isEmpty()) {
            return "INST" + periods.get(0);
        }
        if (enabled(request, "CreditRed")) {
            return "REDEEM";
        }
        throw new SimulatedGatewayRefusal(METHOD_NOT_ENABLED,
                "支付方式未啟用 (enable CREDIT, UNIONPAY, InstFlag, CreditRed or an e-wallet)");
    }

    private static boolean enabled(SandboxForm request, String field) {
        return "1".equals(request.text(field));
    }

    /** InstFlag: empty or 0 none, 1 every period, else a comma list of the manual's periods (MPG01008 otherwise). */
    private static List<String> instPeriods(String instFlag) {
        if (instFlag == null || instFlag.equals("0")) {
            return List.of();
        }
        if (instFlag.equals("1")) {
            return PERIODS;
        }
        List<String> periods = Arrays.stream(instFlag.split(",")).map(String::trim).toList();
        if (instFlag.length() > 18 || !PERIODS.containsAll(periods)) {
            throw new SimulatedGatewayRefusal(BAD_INST_FLAG, "分期參數設定錯誤 (InstFlag " + instFlag + ")");
        }
        return periods;
    }
}
