package tw.twpay.hub.sandbox.flashpay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code trade.php}: the page the shop's form sends the customer to. The simulated customer pays by card at once: the
 * card 4000000000000002 (form field {@code card_no}, a sandbox extra) is declined, any other is authorised. The
 * result is posted to return_url shaped like FlashPay's real notifies — no order_status, amt "0.00" with the amount in
 * tx_amt, numbers as strings, ord_time with "+08", slashes escaped — and the browser is shown the result with a link
 * on to client_url. A refused request gets an error page and no notify.
 */
@Component("flashPayTradePageSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class FlashPayTradePageSimulator {

    private static final Logger log = LoggerFactory.getLogger(FlashPayTradePageSimulator.class);
    static final String DECLINED_CARD = "4000000000000002";
    static final String APPROVED = "交易成功(Approved or completed successfully)";
    private static final Set<Integer> INSTALMENTS = Set.of(0, 3, 6, 12, 18, 24);
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /**
     * ord_time as the manual's table writes it (YYYY-MM-DD hh:mm:ss) or as its own request example sends it
     * ("2022/05/27 10:13:10"); answers write it the table's way.
     */
    private static final DateTimeFormatter ORDER_TIME = DateTimeFormatter.ofPattern("[yyyy-MM-dd][yyyy/MM/dd] HH:mm:ss");

    private final FlashPaySandboxEnvelope envelope;
    private final SimulatedFlashPayTrades trades;
    private final FlashPayNotifySender notifier;
    private final Clock clock;

    public FlashPayTradePageSimulator(FlashPaySandboxEnvelope envelope, SimulatedFlashPayTrades trades,
                                      FlashPayNotifySender notifier, Clock clock) {
        this.envelope = envelope;
        this.trades = trades;
        this.notifier = notifier;
        this.clock = clock;
    }

    public String trade(Map<String, String> form) {
        try {
            FlashPaySandboxEnvelope.Opened request = envelope.open(form);
            Trade trade = readTrade(request.json());
            boolean declined = DECLINED_CARD.equals(form.getOrDefault("card_no", "").replace(" ", ""));
            LocalDateTime now = LocalDateTime.now(clock.withZone(TAIPEI));
            String authCode = declined ? "" : String.format("%06d", Math.floorMod(trade.orderNo().hashCode(), 1_000_000));
            SimulatedFlashPayTrade simulated = new SimulatedFlashPayTrade(request.merchantId(), trade.orderNo(),
                    trades.nextFlashPayOrderNo(now.format(DateTimeFormatter.ofPattern("yyMMddHH"))), trade.orderTime(),
                    trade.amount(), Integer.toString(trade.instalments()), authCode, declined ? "ZF" : "02");
            if (!trades.add(simulated)) {
                throw new SimulatedFlashPayRefusal("E21", "訂單編號重複 (ord_no was used already)");
            }
            Map<String, Object> notice = notice(request.json(), simulated, declined, now);
            String dat = request.codec().seal(FlashPaySandboxEnvelope.json(notice)).dat();
            Map<String, String> post = new LinkedHashMap<>();
            post.put("ver", FlashPaySandboxEnvelope.VERSION);
            post.put("dat", dat);
            post.put("chk", tw.twpay.hub.provider.flashpay.FlashPayCodec.chk(dat));
            String acknowledged = notifier.post(URI.create(trade.returnUrl()), post);
            return page(simulated, declined, "1|OK".equals(acknowledged), trade.clientUrl());
        } catch (SimulatedFlashPayRefusal refusal) {
            log.info("FlashPay sandbox: trade.php refused a request: {} {}", refusal.code(), refusal.getMessage());
            return errorPage(refusal);
        }
    }

    private record Trade(String orderNo, String orderTime, BigDecimal amount, int instalments, String returnUrl,
                         String clientUrl) {
    }

    private static Trade readTrade(JsonNode json) {
        if (json.path("tx_type").asInt(-1) != 101 || json.path("pay_type").asInt(-1) != 1) {
            throw new SimulatedFlashPayRefusal("E20", "交易類別錯誤 (tx_type must be 101, pay_type 1)");
        }
        if (!"NTD".equals(json.path("cur").asText())) {
            throw new SimulatedFlashPayRefusal("E20", "幣別錯誤 (cur must be NTD)");
        }
        String orderNo = json.path("ord_no").asText();
        if (!orderNo.matches("[A-Za-z0-9]{1,32}")) {
            throw new SimulatedFlashPayRefusal("E20", "訂單編號錯誤 (ord_no: 1 to 32 letters or digits)");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(json.path("amt").asText());
        } catch (NumberFormatException e) {
            throw new SimulatedFlashPayRefusal("E20", "交易金額錯誤 (amt is not a number)");
        }
        if (!SimulatedFlashPayTrade.isAmount(amount)) {
            throw new SimulatedFlashPayRefusal("E20", "交易金額錯誤 (amt must be above zero, at most two decimals)");
        }
        String orderTime;
        try {
            orderTime = LocalDateTime.parse(json.path("ord_time").asText(), ORDER_TIME).format(TIME);
        } catch (DateTimeParseException e) {
            throw new SimulatedFlashPayRefusal("E20", "訂單時間錯誤 (ord_time must be yyyy-MM-dd HH:mm:ss or yyyy/MM/dd HH:mm:ss)");
        }
        int instalments = json.path("install_period").asInt(0);
        if (!INSTALMENTS.contains(instalments)) {
            throw new SimulatedFlashPayRefusal("E20", "分期期數錯誤 (install_period)");
        }
        String returnUrl = json.path("return_url").asText();
        String clientUrl = json.path("client_url").asText();
        if (!returnUrl.startsWith("http") || !clientUrl.startsWith("http") || json.path("order_desc").asText().isBlank()) {
            throw new SimulatedFlashPayRefusal("E20", "必填欄位錯誤 (return_url, client_url and order_desc are required)");
        }
        return new Trade(orderNo, orderTime, amount, instalments, returnUrl, clientUrl);
    }

    /** What FlashPay posts to return_url, as real notifies look (not as the manual says). */
    private static Map<String, Object> notice(JsonNode request, SimulatedFlashPayTrade trade, boolean declined,
                                              LocalDateTime now) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("ver", FlashPaySandboxEnvelope.VERSION);
        notice.put("tx_type", 104);
        notice.put("mer_id", trade.merchantId());
        notice.put("sto_id", request.path("sto_id").asText());
        notice.put("order_no", trade.flashPayOrderNo());
        notice.put("ord_no", trade.orderNo());
        notice.put("ord_time", trade.orderTime() + "+08");
        notice.put("ret_code", declined ? "05" : "00");
        notice.put("ret_msg", declined ? "授權失敗(Do not honour)" : APPROVED);
        notice.put("purchase_date", declined ? "" : now.format(TIME));
        notice.put("auth_id_resp", declined ? "" : trade.authCode());
        notice.put("amt", "0.00");
        notice.put("tx_amt", SimulatedFlashPayTrade.money(trade.amount()));
        notice.put("tot_pay_amt", "0.00");
        notice.put("install_period", trade.installPeriod());
        notice.put("use_redeem", request.path("use_redeem").asText());
        notice.put("return_url", request.path("return_url").asText());
        notice.put("client_url", request.path("client_url").asText());
        notice.put("pay_type", "1");
        return notice;
    }

    private static String page(SimulatedFlashPayTrade trade, boolean declined, boolean acknowledged, String clientUrl) {
        String title = declined ? "授權失敗 (card declined)" : "付款完成 (payment authorised)";
        return head(title)
                + "<h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n"
                + "<p>order_status: <span id='order_status'>" + trade.status() + "</span></p>\n"
                + "<p>ord_no: <span id='ord_no'>" + HtmlUtils.htmlEscape(trade.orderNo()) + "</span>, amount NTD "
                + SimulatedFlashPayTrade.money(trade.amount()) + "</p>\n"
                + "<p>notify: <span id='notify'>" + (acknowledged ? "1|OK" : "not acknowledged") + "</span></p>\n"
                + "<p><a id='client_url' href='" + HtmlUtils.htmlEscape(clientUrl) + "'>返回商店 (back to the shop)</a></p>\n"
                + "</body></html>\n";
    }

    private static String errorPage(SimulatedFlashPayRefusal refusal) {
        return head("FlashPay sandbox: " + refusal.code())
                + "<h1>交易失敗 (the gateway refused the request)</h1>\n"
                + "<p>ret_code: <span id='ret_code'>" + HtmlUtils.htmlEscape(refusal.code()) + "</span></p>\n"
                + "<p>ret_msg: <span id='ret_msg'>" + HtmlUtils.htmlEscape(refusal.getMessage()) + "</span></p>\n"
                + "</body></html>\n";
    }

    private static String head(String title) {
        return "<!doctype html>\n<html><head><meta charset='utf-8'><title>" + HtmlUtils.htmlEscape(title)
                + "</title></head><body>\n<p><em>FlashPay sandbox: simulated by twpay-hub, no real money moves.</em></p>\n";
    }
}
