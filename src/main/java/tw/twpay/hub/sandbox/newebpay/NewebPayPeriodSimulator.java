package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tw.twpay.hub.provider.newebpay.NewebPayFormEncoding;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * NewebPay's NDNP (定期定額) recurring card payments, simulated:
 * <ul>
 *   <li>{@code MPG/period}: the page the shop's form sends the customer to; makes the mandate (PeriodNo), charges or
 *       checks the card as PeriodStartType says, and posts {@code Period} to the NotifyURL;</li>
 *   <li>{@code MPG/period/AlterStatus} and {@code MPG/period/AlterAmt}: suspend, terminate, restart, change the
 *       amount or schedule; answered as {@code {"period":"<encrypted JSON>"}};</li>
 *   <li>{@code control/period-charge} (sandbox only): the day of the next period has come; posts its charge notify.</li>
 * </ul>
 * Every encrypted answer is padded to a 32-byte boundary, as the gateway pads its period answers (not 16 like MPG),
 * so the hub's decoder meets the real shape.
 *
 * <p>PeriodStartType: 1 checks the card with a 10-dollar authorisation, 2 charges the first period at once (its
 * order is MerOrderNo itself, the next ones MerOrderNo_2, _3 …), 3 takes the card without any authorisation.
 */
@Component("newebPayPeriodSimulator")
@ConditionalOnProperty(name = "twpay.sandbox.enabled", havingValue = "true")
public class NewebPayPeriodSimulator {

    private static final Logger log = LoggerFactory.getLogger(NewebPayPeriodSimulator.class);

    static final String UNKNOWN_MERCHANT = "PER10001";
    static final String UNDECRYPTABLE = "PER10002";
    static final String BAD_REQUEST = "PER10003";
    /** 查無委託單資料 (NDNP-1.0.6 §5; its PER10061, used here before, is "already suspended") */
    static final String UNKNOWN_MANDATE = "PER10067";
    /** Version 參數錯誤 (NDNP-1.0.6 §5) */
    static final String WRONG_VERSION = "PER10066";
    /** 授權期數不能多於 99 次 (NDNP-1.0.6 §5) */
    static final String TOO_MANY_TIMES = "PER10024";
    /** What the gateway writes when a charge fails on an expired card. */
    static final String EXPIRED_CARD = "TRA10035";

    private static final String CREATE_VERSION = "1.5";
    private static final String ALTER_STATUS_VERSION = "1.0";
    private static final String ALTER_AMOUNT_VERSION = "1.2";
    /** How many dates DateArray lists for a mandate without end (PeriodTimes NE). */
    private static final int DATES_SHOWN_WITHOUT_END = 12;
    private static final BigDecimal CARD_CHECK_AMOUNT = BigDecimal.TEN;

    private final SandboxMerchants merchants;
    private final SimulatedMandates mandates;
    private final SimulatedTrades trades;
    private final SimulatedCallbackSender callbacks;
    private final Clock clock;

    public NewebPayPeriodSimulator(SandboxMerchants merchants, SimulatedMandates mandates, SimulatedTrades trades,
                                   SimulatedCallbackSender callbacks, Clock clock) {
        this.merchants = merchants;
        this.mandates = mandates;
        this.trades = trades;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** The MPG/period form post: makes the mandate, notifies, and answers the browser with the result page. */
    public String createMandate(SandboxForm form) {
        try {
            SandboxMerchant merchant = form.merchant("MerchantID_", merchants, NewebPayMerchantKind.NDNP, UNKNOWN_MERCHANT);
            SandboxForm request = form.decrypted("PostData_", merchant, UNDECRYPTABLE, UNDECRYPTABLE);
            LocalDateTime now = GatewayTime.now(clock);
            NewMandate created = create(merchant, request, SandboxCard.chosenIn(form, now.toLocalDate(), BAD_REQUEST), now);
            String period = merchant.codec().encryptTextPaddedTo32(created.answer().render(created.respondType()));
            if (created.notifyUrl() != null) {
                callbacks.post(created.notifyUrl(), Map.of("Period", period),
                        "period notify of mandate order " + created.merOrderNo());
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("MerOrderNo", created.merOrderNo());
            details.put("PeriodNo", String.valueOf(created.answer().result().get("PeriodNo")));
            details.put("DateArray", String.valueOf(created.answer().result().get("DateArray")));
            return SandboxResultPage.result(created.answer().isSuccess() ? "委託成立 (mandate created)"
                            : "委託失敗 (mandate refused)", created.answer().status(), created.answer().message(),
                    details, created.returnUrl(), Map.of("Period", period));
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: period request refused: {} {}", refusal.status(), refusal.getMessage());
            return SandboxResultPage.error(refusal.status(), refusal.getMessage());
        }
    }

    /** MPG/period/AlterStatus: AlterType suspend, terminate or restart (a terminated mandate stays terminated). */
    public String alterStatus(SandboxForm form) {
        return periodApi(form, ALTER_STATUS_VERSION, "period", (merchant, fields, today) -> {
            String alterType = fields.required("AlterType", BAD_REQUEST, "AlterType 不可空白 (AlterType is missing)");
            return onMandate(merchant, fields, mandate -> {
                String message = switch (alterType) {
                    case "suspend" -> {
                        mandate.suspend();
                        yield "該定期定額委託單暫停成功";
                    }
                    case "terminate" -> {
                        mandate.terminate();
                        yield "該定期定額委託單終止成功";
                    }
                    case "restart" -> {
                        mandate.restart(today);
                        yield "該定期定額委託單啟用成功";
                    }
                    default -> throw new SimulatedGatewayRefusal(BAD_REQUEST,
                            "AlterType 設定錯誤 (AlterType must be suspend, terminate or restart)");
                };
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("MerOrderNo", mandate.merOrderNo);
                result.put("PeriodNo", mandate.periodNo);
                result.put("AlterType", alterType);
                if ("restart".equals(alterType)) {
                    // the date charging resumes; the manual's suspend example has no NewNextTime at all
                    result.put("NewNextTime", GatewayTime.date(mandate.nextAuthDate()));
                }
                log.info("NewebPay sandbox: mandate of order {} {}: now {}", mandate.merOrderNo, alterType, mandate.state());
                return GatewayAnswer.success(message, result);
            });
        });
    }

    /**
     * MPG/period/AlterAmt: AlterAmt, PeriodType with PeriodPoint, PeriodTimes (a number or NE) and Extday, each
     * optional, for the periods still to come.
     */
    public String alterAmount(SandboxForm form) {
        return periodApi(form, ALTER_AMOUNT_VERSION, "Period", (merchant, fields, today) -> {
            BigDecimal newAmount = optionalAmount(fields, "AlterAmt");
            PeriodSchedule newSchedule = fields.text("PeriodType") == null && fields.text("PeriodPoint") == null
                    ? null : PeriodSchedule.of(fields.text("PeriodType"), fields.text("PeriodPoint"));
            String timesText = fields.text("PeriodTimes");
            Integer newTimes = timesText == null ? null : periodTimes(timesText);
            String extday = fields.text("Extday");
            if (extday != null && !extday.matches("(0[1-9]|1[0-2])\\d{2}")) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST, "Extday 設定錯誤 (Extday is the card's new expiry, MMYY)");
            }
            if (newAmount == null && newSchedule == null && timesText == null && extday == null) {
                throw new SimulatedGatewayRefusal(BAD_REQUEST,
                        "無修改項目 (send AlterAmt, PeriodType and PeriodPoint, PeriodTimes or Extday)");
            }
            return onMandate(merchant, fields, mandate -> {
                mandate.alter(newAmount, newSchedule, newTimes, "NE".equals(timesText), today);
                // as the manual's own example (§4.5.2): amounts as strings, PeriodType and PeriodPoint null when they
                // were not changed, ExtDay (so spelled in the answer) the card expiry the mandate charges, and
                // NotifyURL "-" (the simulator never changes where a mandate's notifies go)
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("MerOrderNo", mandate.merOrderNo);
                result.put("PeriodNo", mandate.periodNo);
                result.put("AlterAmt", newAmount == null ? null : newAmount.toPlainString());
                result.put("PeriodType", newSchedule == null ? null : mandate.schedule().type());
                result.put("PeriodPoint", newSchedule == null ? null : mandate.schedule().point());
                result.put("NewNextAmt", mandate.periodAmount().toPlainString());
                result.put("NewNextTime", GatewayTime.date(mandate.nextAuthDate()));
                result.put("PeriodTimes", mandate.totalTimesText());
                result.put("ExtDay", extday != null ? extday : mandate.card.expiry());
                result.put("NotifyURL", "-");
                log.info("NewebPay sandbox: mandate of order {} altered", mandate.merOrderNo);
                return GatewayAnswer.success("委託單修改成功", result);
            });
        });
    }

    /**
     * {@code control/period-charge}, form merchantId (the MerchantID), periodNo and optional fail=true: the day of the
     * mandate's next period has come. Charges it (a failure when asked, "卡片過期" with RespondCode 54, or by the
     * issuer's rules), posts the charge notify to the mandate's NotifyURL and waits for the answer.
     *
     * @return JSON naming the period's order, its Status, and the HTTP status the NotifyURL answered (-1 unreachable)
     */
    public String chargeNextPeriod(SandboxForm form) {
        String merchantId = form.text("merchantId");
        String periodNo = form.text("periodNo");
        if (merchantId == null || periodNo == null) {
            throw RejectedRequestException.badRequest("form fields merchantId and periodNo are required");
        }
        boolean fail = "true".equalsIgnoreCase(form.text("fail"));
        SandboxMerchant merchant = merchants.find(merchantId, NewebPayMerchantKind.NDNP)
                .orElseThrow(() -> RejectedRequestException.notFound("no sandbox NDNP merchant has MerchantID " + merchantId));
        DueCharge due;
        try {
            due = mandates.byPeriodNo(merchant.merchantId(), periodNo, mandate -> new DueCharge(mandate.merOrderNo,
                            mandate.card, mandate.notifyUrl, mandate.totalTimesText(), mandate.chargeNext()))
                    .orElseThrow(() -> RejectedRequestException.notFound(
                            "merchant " + merchantId + " has no mandate " + periodNo));
        } catch (SimulatedGatewayRefusal refusal) {
            throw new RejectedRequestException(409, refusal.getMessage());
        }
        SimulatedMandate.PeriodCharge charge = due.charge();
        SimulatedIssuer.Authorisation authorisation = fail
                ? SimulatedIssuer.Authorisation.refused(EXPIRED_CARD, "卡片過期", "54")
                : SimulatedIssuer.authorise(charge.amount(), due.card(), true);
        if (authorisation.approved()) {
            authorisation = new SimulatedIssuer.Authorisation(true, GatewayAnswer.SUCCESS, "每期授權成功", "00",
                    authorisation.authCode());
        }
        String orderNo = due.merOrderNo() + "_" + charge.number();
        // each period's charge is a trade of its own, under MerchantOrderNo_N, that QueryTradeInfo finds
        String tradeNo = SimulatedReferenceNumbers.tradeNo(GatewayTime.now(clock));
        trades.record(new SimulatedTrade(merchant.merchantId(), orderNo, tradeNo, charge.amount(), due.card(),
                authorisation, "", null, GatewayTime.now(clock)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", merchant.merchantId());
        result.put("MerchantOrderNo", due.merOrderNo());
        result.put("OrderNo", orderNo);
        result.put("TradeNo", tradeNo);
        result.put("PeriodNo", periodNo);
        result.put("TotalTimes", due.totalTimes());
        result.put("AlreadyTimes", charge.number());
        result.put("AuthAmt", charge.amount());
        // String(19), Y-m-d H:i:s
        result.put("AuthDate", GatewayTime.dateTime(charge.authDate().atTime(GatewayTime.now(clock).toLocalTime().withNano(0))));
        result.put("NextAuthDate", charge.nextAuthDate() == null ? "" : GatewayTime.date(charge.nextAuthDate()));
        result.put("AuthCode", authorisation.authCode());
        result.put("RespondCode", authorisation.respondCode());
        result.put("CardNo", due.card().masked());
        result.put("EscrowBank", NewebPayGatewaySimulator.ESCROW_BANK);
        result.put("AuthBank", NewebPayGatewaySimulator.AUTH_BANK);
        GatewayAnswer answer = new GatewayAnswer(authorisation.status(), authorisation.message(), result);
        Map<String, String> notify = Map.of("Period", merchant.codec().encryptTextPaddedTo32(answer.json()));
        int notifyStatus = due.notifyUrl() == null ? 0
                : callbacks.post(due.notifyUrl(), notify, "period charge notify of order " + orderNo);
        log.info("NewebPay sandbox: period {} of mandate order {}: {}", charge.number(), due.merOrderNo(), answer.status());

        Map<String, Object> control = new LinkedHashMap<>();
        control.put("merchantId", merchant.merchantId());
        control.put("periodNo", periodNo);
        control.put("orderNo", orderNo);
        control.put("status", answer.status());
        control.put("message", answer.message());
        control.put("alreadyTimes", charge.number());
        control.put("nextAuthDate", result.get("NextAuthDate"));
        control.put("notifyStatus", notifyStatus);
        return GatewayAnswer.write(control);
    }

    private NewMandate create(SandboxMerchant merchant, SandboxForm request, SandboxCard card, LocalDateTime now) {
        String respondType = GatewayFieldRules.respondType(request, BAD_REQUEST);
        GatewayFieldRules.timeStamp(request, BAD_REQUEST);
        GatewayFieldRules.version(request, CREATE_VERSION, WRONG_VERSION);
        String merOrderNo = GatewayFieldRules.orderNo(request, "MerOrderNo", BAD_REQUEST);
        request.required("ProdDesc", BAD_REQUEST, "ProdDesc 不可空白 (ProdDesc is missing)");
        BigDecimal periodAmount = request.wholeAmount("PeriodAmt");
        if (periodAmount == null) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "PeriodAmt 設定錯誤 (PeriodAmt must be a positive whole number)");
        }
        PeriodSchedule schedule = PeriodSchedule.of(request.text("PeriodType"), request.text("PeriodPoint"));
        String startType = request.text("PeriodStartType");
        if (!"1".equals(startType) && !"2".equals(startType) && !"3".equals(startType)) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "PeriodStartType 設定錯誤 (PeriodStartType must be 1, 2 or 3)");
        }
        Integer totalTimes = periodTimes(request.required("PeriodTimes", BAD_REQUEST,
                "PeriodTimes 不可空白 (PeriodTimes is missing)"));
        String email = request.required("PayerEmail", BAD_REQUEST, "PayerEmail 不可空白 (PayerEmail is missing)");
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "PayerEmail 設定錯誤 (PayerEmail is not an e-mail address)");
        }
        URI notifyUrl = GatewayFieldRules.optionalUrl(request, "NotifyURL", BAD_REQUEST);
        URI returnUrl = GatewayFieldRules.optionalUrl(request, "ReturnURL", BAD_REQUEST);
        mandates.requireOrderNoFree(merchant.merchantId(), merOrderNo);

        boolean chargesNow = "2".equals(startType);
        SimulatedIssuer.Authorisation authorisation = switch (startType) {
            case "2" -> SimulatedIssuer.authorise(periodAmount, card, true);
            case "1" -> SimulatedIssuer.authorise(CARD_CHECK_AMOUNT, card, false);
            default -> new SimulatedIssuer.Authorisation(true, GatewayAnswer.SUCCESS, "委託單成立", "", "");
        };
        LocalDate today = now.toLocalDate();
        LocalDate first = chargesNow ? today : schedule.nextAfter(today);
        List<LocalDate> dates = schedule.dates(first, totalTimes == null ? DATES_SHOWN_WITHOUT_END : totalTimes);
        String periodNo = SimulatedReferenceNumbers.periodNo(now);
        boolean authorised = !"3".equals(startType);
        String tradeNo = authorised ? SimulatedReferenceNumbers.tradeNo(now) : "";
        if (authorised) {
            // the first period's charge (2) or the ten-dollar card check (1, cancelled at once) is a trade of the
            // mandate's order number
            BigDecimal authorisedAmount = chargesNow ? periodAmount : CARD_CHECK_AMOUNT;
            SimulatedTrade trade = new SimulatedTrade(merchant.merchantId(), merOrderNo, tradeNo, authorisedAmount,
                    card, authorisation, "", null, now);
            if (!chargesNow && authorisation.approved()) {
                trade.cancelAuthorisation(authorisedAmount);
            }
            trades.record(trade);
        }
        String message = authorisation.approved()
                ? (authorised ? "委託單成立，且首次授權成功" : "委託單成立") : authorisation.message();
        if (authorisation.approved()) {
            mandates.record(new SimulatedMandate(merchant.merchantId(), merOrderNo, periodNo, card, notifyUrl,
                    periodAmount, schedule, totalTimes, chargesNow ? 1 : 0,
                    chargesNow ? schedule.nextAfter(today) : first));
        }

        // in the order and JSON types of the manual's own example (§4.3.2): PeriodAmt a string, AuthTimes a number
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MerchantID", merchant.merchantId());
        result.put("MerchantOrderNo", merOrderNo);
        result.put("PeriodType", schedule.type());
        result.put("PeriodAmt", periodAmount.toPlainString());
        result.put("AuthTimes", totalTimes == null ? "NE" : totalTimes);
        result.put("DateArray", dates.stream().map(GatewayTime::date).collect(Collectors.joining(",")));
        if (authorised) {
            // NDNP-1.0.6 §4.3.2: only PeriodStartType 1 and 2 add the authorisation's fields
            result.put("TradeNo", tradeNo);
            result.put("AuthCode", authorisation.authCode());
            result.put("RespondCode", authorisation.respondCode());
            // String(14), yyyyMMddHHmmss, as in the manual's own example ("20231115153213")
            result.put("AuthTime", GatewayTime.compactDateTime(now));
            result.put("CardNo", card.masked());
            result.put("EscrowBank", NewebPayGatewaySimulator.ESCROW_BANK);
            result.put("AuthBank", NewebPayGatewaySimulator.AUTH_BANK);
        }
        result.put("PeriodNo", periodNo);
        if (authorised) {
            result.put("PaymentMethod", NewebPayGatewaySimulator.CREDIT);
        }
        log.info("NewebPay sandbox: mandate order {} of {} {} ({})", merOrderNo, merchant.alias(),
                authorisation.approved() ? "created" : "refused", authorisation.status());
        return new NewMandate(merOrderNo, respondType, new GatewayAnswer(authorisation.status(), message, result),
                notifyUrl, returnUrl);
    }

    /**
     * Decrypts PostData_, checks RespondType, TimeStamp and Version, and answers the encrypted answer in the field the
     * manual names ({@code period} for AlterStatus, {@code Period} for AlterAmt): JSON, or form text for
     * RespondType=String. A refusal it cannot encrypt (unknown merchant) goes out in clear.
     */
    private String periodApi(SandboxForm form, String version, String answerField, PeriodApiAction action) {
        SandboxMerchant merchant;
        try {
            merchant = form.merchant("MerchantID_", merchants, NewebPayMerchantKind.NDNP, UNKNOWN_MERCHANT);
        } catch (SimulatedGatewayRefusal refusal) {
            // without a merchant there are no keys to encrypt with: the refusal goes out in clear
            return GatewayAnswer.refused(refusal, Map.of()).json();
        }
        String respondType = null;
        GatewayAnswer answer;
        try {
            SandboxForm fields = form.decrypted("PostData_", merchant, UNDECRYPTABLE, UNDECRYPTABLE);
            respondType = fields.text("RespondType");
            respondType = GatewayFieldRules.respondType(fields, BAD_REQUEST);
            GatewayFieldRules.timeStamp(fields, BAD_REQUEST);
            GatewayFieldRules.version(fields, version, WRONG_VERSION);
            answer = action.apply(merchant, fields, GatewayTime.now(clock).toLocalDate());
        } catch (SimulatedGatewayRefusal refusal) {
            log.info("NewebPay sandbox: period API request refused: {} {}", refusal.status(), refusal.getMessage());
            answer = GatewayAnswer.refused(refusal, Map.of());
        }
        String encrypted = merchant.codec().encryptTextPaddedTo32(answer.render(respondType));
        return GatewayAnswer.RESPOND_TYPE_STRING.equals(respondType)
                ? NewebPayFormEncoding.encode(Map.of(answerField, encrypted))
                : GatewayAnswer.write(Map.of(answerField, encrypted));
    }

    /** The mandate named by PeriodNo and MerOrderNo together, acted on under the store's lock. */
    private GatewayAnswer onMandate(SandboxMerchant merchant, SandboxForm fields,
                                    java.util.function.Function<SimulatedMandate, GatewayAnswer> action) {
        String merOrderNo = GatewayFieldRules.orderNo(fields, "MerOrderNo", BAD_REQUEST);
        String periodNo = fields.required("PeriodNo", BAD_REQUEST, "PeriodNo 不可空白 (PeriodNo is missing)");
        return mandates.byPeriodNo(merchant.merchantId(), periodNo, mandate -> {
            if (!mandate.merOrderNo.equals(merOrderNo)) {
                throw new SimulatedGatewayRefusal(UNKNOWN_MANDATE, "查無委託單 (no mandate has this MerOrderNo and PeriodNo)");
            }
            return action.apply(mandate);
        }).orElseThrow(() -> new SimulatedGatewayRefusal(UNKNOWN_MANDATE,
                "查無委託單 (no mandate has this MerOrderNo and PeriodNo)"));
    }

    /** A number of periods, 1..99 (PeriodTimes is String(2), PER10024), or NE (null) for a mandate without end. */
    private static Integer periodTimes(String text) {
        if ("NE".equals(text)) {
            return null;
        }
        if (!text.matches("\\d{1,3}") || Integer.parseInt(text) < 1) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, "PeriodTimes 設定錯誤 (PeriodTimes must be 1..99 or NE)");
        }
        if (Integer.parseInt(text) > 99) {
            throw new SimulatedGatewayRefusal(TOO_MANY_TIMES, "授權期數不能多於 99 次 (PeriodTimes must be 1..99 or NE)");
        }
        return Integer.valueOf(text);
    }

    private static BigDecimal optionalAmount(SandboxForm fields, String name) {
        if (fields.text(name) == null) {
            return null;
        }
        BigDecimal amount = fields.wholeAmount(name);
        if (amount == null) {
            throw new SimulatedGatewayRefusal(BAD_REQUEST, name + " 設定錯誤 (" + name + " must be a positive whole number)");
        }
        return amount;
    }

    @FunctionalInterface
    private interface PeriodApiAction {
        GatewayAnswer apply(SandboxMerchant merchant, SandboxForm fields, LocalDate today);
    }

    private record NewMandate(String merOrderNo, String respondType, GatewayAnswer answer, URI notifyUrl, URI returnUrl) {
    }

    private record DueCharge(String merOrderNo, SandboxCard card, URI notifyUrl, Object totalTimes,
                             SimulatedMandate.PeriodCharge charge) {
    }
}
