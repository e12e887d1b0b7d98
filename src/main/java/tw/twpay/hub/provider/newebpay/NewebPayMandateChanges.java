package tw.twpay.hub.provider.newebpay;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.AlterSubscriptionCommand;
import tw.twpay.hub.canonical.EventSource;
import tw.twpay.hub.canonical.MandateChange;
import tw.twpay.hub.canonical.MandateEvent;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.events.CanonicalJson;
import tw.twpay.hub.ledger.JournalEntry;
import tw.twpay.hub.ledger.LedgerFact;
import tw.twpay.hub.provider.CommandLedger;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayAnswerException;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Changes to a running NDNP mandate: {@code /MPG/period/AlterStatus} (suspend, terminate, restart) and
 * {@code /MPG/period/AlterAmt}. The gateway's answers come encrypted in a field {@code period}, padded to 32 bytes;
 * a confirmed change is a mandate event in the ledger and to the ERP.
 */
@Component("newebPayMandateChanges")
public class NewebPayMandateChanges implements GatewayOperation<AlterSubscriptionCommand> {

    private static final String ALTER_STATUS_VERSION = "1.0";
    private static final String ALTER_AMOUNT_VERSION = "1.2";

    /**
     * The refusals that say the mandate is already in the state asked for (NDNP-1.0.6 §5): 該定期定額委託單為暫停狀態，
     * 無法重複暫停 / 為啟用狀態，無法重複啟用 / 為終止狀態，無法重複終止. After a lost answer (a timeout: the ERP
     * asks again) this is the gateway's confirmation of the change, not a refusal.
     */
    private static final Map<String, String> ALREADY = Map.of("suspend", "PER10061", "restart", "PER10063",
            "terminate", "PER10065");
    /** The mandate changes that say which state it is in (an amount change does not). */
    private static final Set<String> STATES = Set.of(MandateChange.CREATED.name(), MandateChange.SUSPENDED.name(),
            MandateChange.TERMINATED.name(), MandateChange.RESTARTED.name());

    private final NewebPayMerchants merchants;
    private final CommandLedger ledger;
    private final Clock clock;

    public NewebPayMandateChanges(NewebPayMerchants merchants, CommandLedger ledger, Clock clock) {
        this.merchants = merchants;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public GatewayRequest request(AlterSubscriptionCommand command) {
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNP);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RespondType", "JSON");
        fields.put("TimeStamp", clock.instant().getEpochSecond());
        String path;
        if ("amend".equals(command.action())) {
            if (!NewebPayAmounts.isValid(command.amount())) {
                throw RejectedRequestException.badRequest(NewebPayAmounts.RULE);
            }
            fields.put("Version", ALTER_AMOUNT_VERSION);
            fields.put("MerOrderNo", command.orderNo());
            fields.put("PeriodNo", command.mandateId());
            fields.put("AlterAmt", command.amount().value().toBigIntegerExact());
            path = "/MPG/period/AlterAmt";
        } else {
            fields.put("Version", ALTER_STATUS_VERSION);
            fields.put("MerOrderNo", command.orderNo());
            fields.put("PeriodNo", command.mandateId());
            fields.put("AlterType", command.action());
            path = "/MPG/period/AlterStatus";
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MerchantID_", merchant.merchantId());
        form.put("PostData_", merchant.codec().encrypt(fields));
        return GatewayRequest.form(merchant.gatewayUrl(path), form, command).withTimeout(NewebPay.CALL_TIMEOUT);
    }

    /**
     * The answer {"period":"<hex>"} decrypts (pad-to-32 accepted) with the merchant's own keys. A confirmed change is
     * journalled and delivered as a mandate event; the ERP gets the gateway's answer.
     */
    @Override
    public CommandResult answer(GatewayCall call) {
        AlterSubscriptionCommand command = call.context(AlterSubscriptionCommand.class);
        String answer = call.successBody();
        NewebPayMerchant merchant = merchants.require(command.merchant(), NewebPayMerchantKind.NDNP);
        NewebPayPayload payload = periodAnswer(merchant, answer);
        boolean already = !payload.isSuccess() && payload.status().equals(ALREADY.get(command.action()));
        if (!payload.isSuccess() && !already) {
            throw new RejectedRequestException(422, "NewebPay refused to " + command.action() + " mandate "
                    + command.mandateId() + ": " + payload.status() + " " + payload.message());
        }
        OffsetDateTime receivedAt = OffsetDateTime.now(clock);
        MandateEvent changed = mandateChange(merchant, command, payload, receivedAt);
        List<LedgerFact> facts = already && ledgerSaysAlready(merchant, command, changed.change()) ? List.of()
                : List.of(new LedgerFact(LedgerFact.key(NewebPay.CODE, merchant.alias(), command.orderNo(),
                        command.mandateId(), changed.change(), receivedAt.toInstant()), changed, payload.toJson()));

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("provider", NewebPay.CODE);
        response.put("merchant", merchant.alias());
        response.put("orderNo", command.orderNo());
        response.put("mandateId", command.mandateId());
        response.put("action", command.action());
        response.put("change", changed.change());
        response.put("providerStatus", payload.status());
        response.put("providerMessage", payload.message());
        response.put("result", payload.result());
        return new CommandResult(NewebPay.ID, merchant.alias(), command.orderNo(), facts, response);
    }

    /**
     * Whether the mandate's journal already shows it in the state the gateway says it is in: the last status change
     * of this mandate the ERP was told of (a repeated command after a lost answer is told once, not again).
     */
    private boolean ledgerSaysAlready(NewebPayMerchant merchant, AlterSubscriptionCommand command,
                                      MandateChange state) {
        if (ledger.findOrder(NewebPay.ID, merchant.alias(), command.orderNo()).isEmpty()) {
            return false;
        }
        MandateChange last = null;
        for (JournalEntry entry : ledger.history(NewebPay.ID, merchant.alias(), command.orderNo()).journal()) {
            if (MandateEvent.TYPE.equals(entry.eventType()) && entry.event() != null && command.mandateId()
                    .equals(entry.event().path("data").path("mandateId").asText())
                    && STATES.contains(entry.status())) {
                last = MandateChange.valueOf(entry.status());
            }
        }
        boolean active = state == MandateChange.RESTARTED;
        return last == state || (active && last == MandateChange.CREATED);
    }

    /**
     * The answer in every shape the gateway uses: JSON or form text (RespondType), the encrypted field spelled
     * {@code period} (AlterStatus) or {@code Period} (AlterAmt), or — for a refusal — Status and Message in the clear,
     * e.g. {@code Status=PER10071&Message=…}.
     */
    static NewebPayPayload periodAnswer(NewebPayMerchant merchant, String answer) {
        try {
            String text = answer.trim();
            Map<String, String> envelope = new LinkedHashMap<>();
            if (text.startsWith("{")) {
                CanonicalJson.mapper().readTree(text).fields().forEachRemaining(field ->
                        envelope.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText() : null));
            } else {
                envelope.putAll(NewebPayFormEncoding.decode(text));
            }
            String period = NewebPayTradeMapper.firstPresent(envelope.get("period"), envelope.get("Period"));
            return period != null ? merchant.codec().decode(period) : NewebPayPayloadParser.parse(text);
        } catch (IOException | IllegalArgumentException | NewebPayDecodeException e) {
            throw new GatewayAnswerException("NewebPay period answer is unreadable: " + e.getMessage());
        }
    }

    /** What the gateway confirmed: AlterAmt tells the new amount (NewNextAmt), both tell the next charge date. */
    private static MandateEvent mandateChange(NewebPayMerchant merchant, AlterSubscriptionCommand command,
                                              NewebPayPayload payload, OffsetDateTime receivedAt) {
        MandateChange change = switch (command.action()) {
            case "suspend" -> MandateChange.SUSPENDED;
            case "terminate" -> MandateChange.TERMINATED;
            case "restart" -> MandateChange.RESTARTED;
            default -> MandateChange.AMOUNT_CHANGED;
        };
        Money periodAmount = null;
        if (change == MandateChange.AMOUNT_CHANGED) {
            String confirmed = payload.field("NewNextAmt");
            periodAmount = confirmed == null || confirmed.isBlank() ? command.amount() : Money.of(confirmed.trim(), "TWD");
        }
        return new MandateEvent(NewebPay.CODE, merchant.alias(), merchant.merchantId(),
                command.orderNo(), command.mandateId(), change, periodAmount,
                nextChargeDate(payload), receivedAt, receivedAt, EventSource.COMMAND, payload.status(), null,
                payload.message());
    }

    /** The change is already made at the gateway: an unreadable date is left out rather than failing the answer. */
    private static LocalDate nextChargeDate(NewebPayPayload payload) {
        try {
            return NewebPayTimes.date(payload.field("NewNextTime"), "NewNextTime");
        } catch (NewebPayDecodeException e) {
            return null;
        }
    }
}
