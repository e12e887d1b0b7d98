package tw.twpay.hub.provider.newebpay;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.provider.SharedGatewayMerchants;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Order numbers NewebPay could confuse, refused (409) before a form or charge is made:
 * <ul>
 *   <li>one another alias of the same MerchantID has: NewebPay takes one order per MerchantOrderNo of a MerchantID,
 *       and QueryTradeInfo answers by the two only, so that alias's trade would settle this alias's order;</li>
 *   <li>a mandate number that is a period charge's of another mandate: NewebPay files the N-th charge of mandate M
 *       as M_N ({@link NewebPayPeriodNotice}), among the merchant's mandates.</li>
 * </ul>
 */
@Component
public class NewebPayOrderNumbers {

    /** A period charge's order number: the mandate's, "_", the period. */
    private static final Pattern PERIOD_CHARGE = Pattern.compile("(.+)_([0-9]+)");

    private final NewebPayMerchants merchants;
    private final SharedGatewayMerchants sharedMerchants;
    private final NamedParameterJdbcTemplate jdbc;
    private final String findNamedLike = SqlStatements.load("newebpay/find-orders-named-like");

    NewebPayOrderNumbers(NewebPayMerchants merchants, SharedGatewayMerchants sharedMerchants,
                         NamedParameterJdbcTemplate jdbc) {
        this.merchants = merchants;
        this.sharedMerchants = sharedMerchants;
        this.jdbc = jdbc;
    }

    void requireFreeAtMerchantId(NewebPayMerchant merchant, String orderNo) {
        sharedMerchants.requireNumberFree(NewebPay.ID, merchants.sharingMerchantId(merchant.alias()), orderNo,
                "the same NewebPay merchant (MerchantID " + merchant.merchantId()
                        + "), which takes one order per MerchantOrderNo");
    }

    /** A new mandate's number is neither a period charge's of a mandate the merchant has, nor has it such charges. */
    void requireNoPeriodChargeClash(NewebPayMerchant merchant, String mandateOrderNo) {
        Matcher charge = PERIOD_CHARGE.matcher(mandateOrderNo);
        if (charge.matches() && !named(merchant, likeEscaped(charge.group(1))).isEmpty()) {
            throw new RejectedRequestException(409, "orderNo " + mandateOrderNo + " is the order NewebPay files period "
                    + charge.group(2) + " of mandate " + charge.group(1) + " under; use another orderNo");
        }
        List<String> charges = named(merchant, likeEscaped(mandateOrderNo + "_") + "%").stream()
                .filter(orderNo -> orderNo.substring(mandateOrderNo.length() + 1).matches("[0-9]+"))
                .toList();
        if (!charges.isEmpty()) {
            throw new RejectedRequestException(409, "orderNo " + mandateOrderNo + " would file its period charges as "
                    + mandateOrderNo + "_<n>, and order " + charges.get(0) + " exists; use another orderNo");
        }
    }

    private List<String> named(NewebPayMerchant merchant, String pattern) {
        return jdbc.queryForList(findNamedLike, new MapSqlParameterSource()
                .addValue("provider", NewebPay.CODE)
                .addValue("merchant", merchant.alias())
                .addValue("pattern", pattern), String.class);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
