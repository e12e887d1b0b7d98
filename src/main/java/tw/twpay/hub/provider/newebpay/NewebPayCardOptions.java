package tw.twpay.hub.provider.newebpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The MPG card options an ERP may ask for, checked as the NDNF-1.1.9 manual states them before the form is signed:
 * {@code installments} → InstFlag (String(18): 1 = every period the merchant has, or a comma list of 3, 6, 8, 12, 18,
 * 24, 30; 8 is for gateway merchants (閘道商店) only, which the gateway itself enforces with MPG01008) and
 * {@code redeem} → CreditRed=1 (紅利折抵). The manual names no minimum amount for either.
 *
 * @param instFlag  the InstFlag value, or null for none
 * @param redeem    whether CreditRed is switched on
 */
record NewebPayCardOptions(String instFlag, boolean redeem) {

    /** The periods the manual lists for InstFlag. */
    static final List<Integer> PERIODS = List.of(3, 6, 8, 12, 18, 24, 30);
    /** InstFlag=1: every period the merchant's contract allows. */
    static final String ALL_PERIODS = "1";
    private static final String RULE = "installments must be \"all\", one of " + PERIODS
            + " or a list of them (NewebPay InstFlag)";

    static NewebPayCardOptions of(ProviderFields fields) {
        return new NewebPayCardOptions(instFlag(fields.raw("installments")), fields.bool("redeem").orElse(false));
    }

    /** The MPG fields these options add. */
    Map<String, Object> mpgFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (instFlag != null) {
            fields.put("InstFlag", instFlag);
        }
        if (redeem) {
            fields.put("CreditRed", 1);
        }
        return fields;
    }

    private static String instFlag(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isTextual() && "all".equalsIgnoreCase(value.asText().trim())) {
            return ALL_PERIODS;
        }
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        TreeSet<Integer> periods = new TreeSet<>();
        for (JsonNode item : items) {
            if (!item.isIntegralNumber() || !PERIODS.contains(item.intValue())) {
                throw RejectedRequestException.badRequest(RULE);
            }
            periods.add(item.intValue());
        }
        if (periods.isEmpty()) {
            throw RejectedRequestException.badRequest(RULE);
        }
        return String.join(",", periods.stream().map(String::valueOf).toList());
    }
}
