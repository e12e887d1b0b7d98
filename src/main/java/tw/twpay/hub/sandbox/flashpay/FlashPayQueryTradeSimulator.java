package tw.twpay.hub.sandbox.flashpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code querytrade.php}: tx_type 107 (one order), 106 (a date range) and 8 (cancel an authorisation). Answers are
 * the form text {@code ver=..&dat=..&chk=..}; an envelope the gateway cannot accept is a plain-JSON server error.
 */
@Component("flashPayQueryTradeSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPayQueryTradeSimulator {

    private static final Logger log = LoggerFactory.getLogger(FlashPayQueryTradeSimulator.class);

    private final FlashPaySandboxEnvelope envelope;
    private final SimulatedFlashPayTrades trades;

    public FlashPayQueryTradeSimulator(FlashPaySandboxEnvelope envelope, SimulatedFlashPayTrades trades) {
        this.envelope = envelope;
        this.trades = trades;
    }

    public String queryTrade(Map<String, String> form) {
        try {
            FlashPaySandboxEnvelope.Opened request = envelope.open(form);
            JsonNode json = request.json();
            int txType = json.path("tx_type").asInt(-1);
            Map<String, Object> answer = switch (txType) {
                case 107 -> query(request.merchantId(), json.path("ord_no").asText());
                case 8 -> cancel(request.merchantId(), json);
                case 106 -> range(request.merchantId(), json);
                default -> throw new SimulatedFlashPayRefusal("E30", "交易類別錯誤 (tx_type must be 107, 106 or 8)");
            };
            return FlashPaySandboxEnvelope.seal(request.codec(), answer);
        } catch (SimulatedFlashPayRefusal refusal) {
            log.info("FlashPay sandbox: querytrade.php refused a request: {} {}", refusal.code(), refusal.getMessage());
            return FlashPaySandboxEnvelope.plainError(refusal);
        }
    }

    private Map<String, Object> query(String merchantId, String orderNo) {
        return trades.find(merchantId, orderNo)
                .map(trade -> success(trade.reported(107)))
                .orElseGet(() -> refusal(merchantId, orderNo, "107", "01", "查無此訂單 (no such order)"));
    }

    private Map<String, Object> cancel(String merchantId, JsonNode json) {
        String orderNo = json.path("ord_no").asText();
        SimulatedFlashPayTrade trade = trades.find(merchantId, orderNo).orElse(null);
        if (trade == null) {
            return refusal(merchantId, orderNo, "8", "01", "查無此訂單 (no such order)");
        }
        BigDecimal amt;
        try {
            amt = new BigDecimal(json.path("amt").asText());
        } catch (NumberFormatException e) {
            amt = null;
        }
        if (amt == null || amt.compareTo(trade.amount()) != 0) {
            return refusal(merchantId, orderNo, "8", "02", "金額不符 (amt is not the order's amount)");
        }
        if (!trade.cancel()) {
            Map<String, Object> answer = cancelAnswer(trade);
            answer.put("ret_code", "03");
            answer.put("ret_msg", "訂單狀態不可取消 (only an authorised order before capture can be cancelled)");
            return answer;
        }
        return success(cancelAnswer(trade));
    }

    /** The fields the manual's cancel answer lists (§7): amt instead of tx_amt, no order_no or fees. */
    private static final java.util.Set<String> CANCEL_FIELDS = java.util.Set.of("ver", "mer_id", "ord_no", "ord_time",
            "order_status", "tx_type", "pay_type", "amt", "tot_pay_amt", "tot_ret_amt", "can_pay_amt", "can_ret_amt");

    private static Map<String, Object> cancelAnswer(SimulatedFlashPayTrade trade) {
        Map<String, Object> answer = trade.reported(8);
        answer.put("amt", SimulatedFlashPayTrade.money(trade.amount()));
        answer.keySet().retainAll(CANCEL_FIELDS);
        return answer;
    }

    private Map<String, Object> range(String merchantId, JsonNode json) {
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(json.path("start_date").asText());
            end = LocalDate.parse(json.path("end_date").asText());
        } catch (DateTimeParseException e) {
            throw new SimulatedFlashPayRefusal("E31", "日期格式錯誤 (start_date, end_date: yyyy-MM-dd)");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) >= 30) {
            answer.put("returnCode", "1");
            answer.put("mer_detail", List.of());
            return answer;
        }
        answer.put("returnCode", "0");
        answer.put("mer_detail", trades.between(merchantId, start, end).stream()
                .map(trade -> rangeEntry(success(trade.reported(9)))).toList());
        return answer;
    }

    /** The fields the manual's 106 example lists for each order: no pay_type, install_period or auth_id_resp. */
    private static final java.util.Set<String> RANGE_FIELDS = java.util.Set.of("ver", "mer_id", "tx_type", "tx_amt",
            "tot_pay_amt", "tot_ret_amt", "can_pay_amt", "can_ret_amt", "order_no", "ord_no", "ord_time",
            "order_status", "ret_code", "ret_msg", "service_fee", "refund_service_fee");

    private static Map<String, Object> rangeEntry(Map<String, Object> fields) {
        fields.keySet().retainAll(RANGE_FIELDS);
        return fields;
    }

    private static Map<String, Object> success(Map<String, Object> fields) {
        fields.put("ret_code", "00");
        fields.put("ret_msg", FlashPayTradePageSimulator.APPROVED);
        return fields;
    }

    private static Map<String, Object> refusal(String merchantId, String orderNo, String txType, String code,
                                               String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ver", FlashPaySandboxEnvelope.VERSION);
        answer.put("mer_id", merchantId);
        answer.put("tx_type", txType);
        answer.put("ord_no", orderNo);
        answer.put("ret_code", code);
        answer.put("ret_msg", message);
        return answer;
    }
}
