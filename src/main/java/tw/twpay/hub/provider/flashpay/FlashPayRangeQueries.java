package tw.twpay.hub.provider.flashpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * tx_type 106: every order of a merchant whose ord_time falls in a date range (Taipei dates, both ends included), for
 * reconciliation. The manual's table says 107 for this call; its example and the SDKs send 106. The answer
 * {@code {"returnCode":"0","mer_detail":[...]}} has no paging and no end marker, and the vendor's SDKs refuse ranges
 * over 30 days, as this does. Use: {@link #request} → {@code direct:gateway-call} → {@link #answer}.
 */
@Component("flashPayRangeQueries")
public class FlashPayRangeQueries {

    static final int TX_TYPE_RANGE = 106;
    static final int MAX_DAYS = 30;
    static final String WHAT = "106 range query";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FlashPayMerchants merchants;

    public FlashPayRangeQueries(FlashPayMerchants merchants) {
        this.merchants = merchants;
    }

    /** The range a request asked for, to read its answer. */
    public record Range(String merchant, LocalDate startDate, LocalDate endDate) {
    }

    /** One range's answer: the merchant and one flat payload per order, fields as FlashPay wrote them. */
    public record RangeAnswer(FlashPayMerchant merchant, Range range, List<FlashPayPayload> orders) {
    }

    public GatewayRequest request(String merchantAlias, LocalDate startDate, LocalDate endDate) {
        FlashPayMerchant merchant = merchants.require(merchantAlias);
        if (startDate == null || endDate == null || endDate.isBefore(startDate)) {
            throw RejectedRequestException.badRequest("a FlashPay range query needs a start date on or before its end date");
        }
        if (ChronoUnit.DAYS.between(startDate, endDate) >= MAX_DAYS) {
            throw RejectedRequestException.badRequest("a FlashPay range query covers at most " + MAX_DAYS + " days");
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("mer_id", merchant.merchantId());
        query.put("tx_type", TX_TYPE_RANGE);
        query.put("start_date", startDate.toString());
        query.put("end_date", endDate.toString());
        return FlashPayRequests.queryTrade(merchant, query, new Range(merchantAlias, startDate, endDate));
    }

    /**
     * The orders FlashPay reports, each naming this merchant. A plain-JSON server error or a returnCode other than "0"
     * is a 422; an answer that fails verification or names another merchant a 502.
     */
    public RangeAnswer answer(GatewayCall call) {
        Range range = call.context(Range.class);
        FlashPayMerchant merchant = merchants.require(range.merchant());
        JsonNode answer;
        try {
            answer = JSON.readTree(FlashPayAnswers.readText(merchant, call, WHAT));
        } catch (IOException e) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer is not JSON");
        }
        if (!"0".equals(answer.path("returnCode").asText())) {
            throw new RejectedRequestException(422, "FlashPay refused the " + WHAT + ": returnCode "
                    + answer.path("returnCode").asText());
        }
        JsonNode details = answer.path("mer_detail");
        if (!details.isArray() && !details.isMissingNode() && !details.isNull()) {
            throw new GatewayAnswerException("FlashPay's " + WHAT + " answer: mer_detail is not a list");
        }
        List<FlashPayPayload> orders = new ArrayList<>();
        for (JsonNode detail : details) {
            Map<String, String> fields = new LinkedHashMap<>();
            detail.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            });
            FlashPayPayload order = new FlashPayPayload(fields);
            if (!merchant.merchantId().equals(order.field("mer_id"))) {
                throw new GatewayAnswerException("FlashPay's " + WHAT + " answer lists an order of another merchant");
            }
            orders.add(order);
        }
        return new RangeAnswer(merchant, range, List.copyOf(orders));
    }
}
