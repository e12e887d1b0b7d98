package tw.twpay.hub.sandbox.flashpay;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * What a merchant does in FlashPay's back office, which has no API: capture (請款) and refund (退貨), each cleared at
 * once (order_status 04 and 08). Also a payment whose notify is lost (pay-silently), which only a 107 query — the
 * hub's missed-notify poll — can then learn of. Forms: {@code mid}, {@code ord_no}, optional {@code amt} (default:
 * the order amount, or what is left to refund).
 */
@Component("flashPayBackOfficeSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPayBackOfficeSimulator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final FlashPaySandboxMerchants merchants;
    private final SimulatedFlashPayTrades trades;
    private final Clock clock;

    public FlashPayBackOfficeSimulator(FlashPaySandboxMerchants merchants, SimulatedFlashPayTrades trades,
                                       Clock clock) {
        this.merchants = merchants;
        this.trades = trades;
        this.clock = clock;
    }

    public Map<String, Object> capture(Map<String, String> form) {
        SimulatedFlashPayTrade trade = trade(form);
        BigDecimal amount = amount(form, trade.amount());
        try {
            trade.capture(amount);
        } catch (IllegalStateException e) {
            throw new RejectedRequestException(409, e.getMessage());
        }
        return state(trade);
    }

    public Map<String, Object> refund(Map<String, String> form) {
        SimulatedFlashPayTrade trade = trade(form);
        BigDecimal amount = amount(form, trade.refundable());
        try {
            trade.refund(amount);
        } catch (IllegalStateException e) {
            throw new RejectedRequestException(409, e.getMessage());
        }
        return state(trade);
    }

    /** An authorised payment whose notify never reached the hub. */
    public Map<String, Object> paySilently(Map<String, String> form) {
        String merchantId = merchant(form);
        String orderNo = form.getOrDefault("ord_no", "");
        if (!orderNo.matches("[A-Za-z0-9]{1,32}")) {
            throw RejectedRequestException.badRequest("ord_no must be 1 to 32 letters or digits");
        }
        BigDecimal amount = amount(form, null);
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.of("Asia/Taipei")));
        SimulatedFlashPayTrade trade = new SimulatedFlashPayTrade(merchantId, orderNo,
                trades.nextFlashPayOrderNo(now.format(DateTimeFormatter.ofPattern("yyMMddHH"))), now.format(TIME),
                amount, "0", "777777", "02");
        if (!trades.add(trade)) {
            throw new RejectedRequestException(409, "ord_no " + orderNo + " was used already");
        }
        return state(trade);
    }

    private String merchant(Map<String, String> form) {
        String merchantId = form.get("mid");
        if (merchants.codec(merchantId).isEmpty()) {
            throw RejectedRequestException.notFound("no sandbox FlashPay merchant has mid " + merchantId);
        }
        return merchantId;
    }

    private SimulatedFlashPayTrade trade(Map<String, String> form) {
        String merchantId = merchant(form);
        String orderNo = form.get("ord_no");
        return trades.find(merchantId, orderNo).orElseThrow(() -> RejectedRequestException.notFound(
                "the FlashPay sandbox has no order " + orderNo + " of " + merchantId));
    }

    private static BigDecimal amount(Map<String, String> form, BigDecimal whole) {
        String text = form.get("amt");
        if (text == null || text.isBlank()) {
            if (whole == null) {
                throw RejectedRequestException.badRequest("amt is required");
            }
            return whole;
        }
        try {
            BigDecimal amount = new BigDecimal(text.trim());
            if (!SimulatedFlashPayTrade.isAmount(amount)) {
                throw RejectedRequestException.badRequest("amt must be above zero, at most two decimals");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw RejectedRequestException.badRequest("amt is not a number");
        }
    }

    private static Map<String, Object> state(SimulatedFlashPayTrade trade) {
        Map<String, Object> state = new LinkedHashMap<>(trade.reported(107));
        state.keySet().retainAll(java.util.Set.of("mer_id", "ord_no", "order_no", "order_status", "tx_amt",
                "tot_pay_amt", "tot_ret_amt"));
        return state;
    }
}
