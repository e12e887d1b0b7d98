package tw.twpay.hub.sandbox.newebpay;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the simulated customer picks on the MPG page among the methods the page offers (the real gateway asks the
 * customer; a test says it with the optional form field {@code SandboxPayWith}): {@code CREDIT}, {@code UNIONPAY},
 * {@code INST3} … {@code INST30} (installments, with InstFlag), {@code REDEEM} (CreditRed), or an e-wallet:
 * {@code LINEPAY}, {@code ESUNWALLET}, {@code TAIWANPAY}, {@code TWQR}, {@code EZPALIPAY}, {@code EZPWECHAT}. Without
 * it: a card when the card is offered, else the first offered of the others.
 *
 * <p>The page offers the methods the shop's form enabled (flag {@code 1}). A form that enables none offers the
 * merchant's own methods, and a sandbox merchant has every method above: the documents make no method flag
 * required and leave the choice to the customer. The NDNF-1.1.9 manual (transcription in
 * omnipay-taiwan/omnipay-newebpay {@code docs/}) lists no method among the required MPG fields, has the customer
 * choose the method on NewebPay's page (交易流程 step 3, 消費者在藍新金流付款頁面選擇支付方式), answers "商店在請求時可不
 * 指定特定支付方式，讓消費者自行選擇" (the shop may name no method and let the customer choose), and its own request
 * example (§4.1.1, vector {@code ndnf-manual-mpg-request}) carries no method flag. Seed 003 (integration
 * methodology) says which methods a form may enable (CREDIT, VACC, CVS, …) and nothing of a form that enables none.
 * So MPG02003 (支付方式未啟用) is only for a choice the offered methods do not include.
 */
final class SandboxPaymentChoice {

    static final String FIELD = "SandboxPayWith";
    static final List<String> WALLETS = List.of("LINEPAY", "ESUNWALLET", "TAIWANPAY", "TWQR", "EZPALIPAY", "EZPWECHAT");
    /** InstFlag's periods (NDNF §4.2.1); 1 = all of them. */
    private static final List<String> PERIODS = List.of("3", "6", "8", "12", "18", "24", "30");
    private static final String METHOD_NOT_ENABLED = "MPG02003";
    private static final String BAD_INST_FLAG = "MPG01008";
    /** The form's method flags besides InstFlag. */
    private static final List<String> METHOD_FLAGS = Stream.concat(Stream.of("CREDIT", "UNIONPAY", "CreditRed"),
            WALLETS.stream()).toList();

    private SandboxPaymentChoice() {
    }

    /**
     * @param form    the browser's form (SandboxPayWith)
     * @param request the decrypted MPG fields (which methods the shop enabled)
     */
    static SimulatedPayment chosenIn(SandboxForm form, SandboxForm request) {
        Offer offer = Offer.of(request);
        String choice = form.text(FIELD);
        if (choice == null) {
            choice = offer.defaultChoice();
        }
        choice = choice.toUpperCase(Locale.ROOT);
        if (choice.equals("CREDIT") && offer.has("CREDIT")) {
            return SimulatedPayment.CARD;
        }
        if (choice.equals("UNIONPAY") && offer.has("UNIONPAY")) {
            return new SimulatedPayment("CREDIT", "UNIONPAY", 0, false);
        }
        if (choice.equals("REDEEM") && offer.has("CreditRed")) {
            return new SimulatedPayment("CREDIT", "CREDIT", 0, true);
        }
        if (choice.startsWith("INST") && offer.periods().contains(choice.substring(4))) {
            return new SimulatedPayment("CREDIT", "CREDIT", Integer.parseInt(choice.substring(4)), false);
        }
        if (WALLETS.contains(choice) && offer.has(choice)) {
            return new SimulatedPayment(choice, choice, 0, false);
        }
        throw new SimulatedGatewayRefusal(METHOD_NOT_ENABLED, "支付方式未啟用 (" + choice
                + " is not a payment method this MPG page offers)");
    }

    /**
     * The methods the page offers, by their flag names (CREDIT, UNIONPAY, CreditRed, the wallets), and the
     * installment periods: those the form enabled, or every one when it enabled none.
     */
    private record Offer(Set<String> flags, List<String> periods) {

        static Offer of(SandboxForm request) {
            List<String> periods = instPeriods(request.text("InstFlag"));
            Set<String> flags = METHOD_FLAGS.stream().filter(flag -> enabled(request, flag)).collect(Collectors.toSet());
            if (flags.isEmpty() && periods.isEmpty()) {
                return new Offer(Set.copyOf(METHOD_FLAGS), PERIODS);
            }
            return new Offer(flags, periods);
        }

        boolean has(String flag) {
            return flags.contains(flag);
        }

        String defaultChoice() {
            if (has("CREDIT")) {
                return "CREDIT";
            }
            for (String wallet : WALLETS) {
                if (has(wallet)) {
                    return wallet;
                }
            }
            if (has("UNIONPAY")) {
                return "UNIONPAY";
            }
            if (!periods.isEmpty()) {
                return "INST" + periods.get(0);
            }
            // an offer is never empty: what is left is redemption
            return "REDEEM";
        }
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
