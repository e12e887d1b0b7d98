package tw.twpay.hub.provider;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.api.PaymentOperation;
import tw.twpay.hub.api.PaymentOperationCommand;
import tw.twpay.hub.canonical.Money;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.ledger.LedgerQueries.OrderKey;
import tw.twpay.hub.ledger.SensitiveDataMasker;
import tw.twpay.hub.security.ApiCaller;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * At most one payment operation (cancel, capture, refund and their withdrawals) per order between the hub and its
 * gateway. It is written, and committed, before the call and ended once the gateway's answer has been read and
 * stored — an acceptance or a refusal. A call whose outcome is unknown (timeout, connection lost, 5xx, an answer that
 * cannot be trusted, a failed ledger write after it) leaves it standing, and the order takes no other operation (409)
 * until a query of the gateway made {@code twpay.commands.settle-unknown-after} after the call ended (or, when the node
 * died during the call, after the longest call could have ended) has brought the ledger up to what the gateway did
 * (the provider's missed-notify poll asks about such orders): an operation is never sent twice,
 * and two operations of one order never race each other. An operation no query can settle (the gateway's report is one
 * the ledger cannot follow) is released by an operator ({@link #release}), once the gateway has been asked.
 */
@Component("paymentOperationsInFlight")
public class PaymentOperationsInFlight {

    /** The exchange property holding the operation's command while its route runs. */
    public static final String COMMAND_PROPERTY = "twpayPaymentOperation";
    /** When this exchange's operation was recorded: its row, which only this exchange ends. */
    static final String STARTED_PROPERTY = "twpayPaymentOperationStarted";

    /** An operation standing on an order: being sent, or its outcome unknown. */
    public record Standing(PaymentOperation operation, OffsetDateTime startedAt) {

        /** A withdrawal of a capture or refund request: settled, it takes the order a step back. */
        public boolean withdraws() {
            return operation == PaymentOperation.CANCEL_CAPTURE || operation == PaymentOperation.CANCEL_REFUND;
        }
    }

    /**
     * An operation standing on an order, as operators see it.
     *
     * @param outcomeUnknown whether its call ended without a known outcome ({@code twpay.commands.settle-unknown-after}
     *                       ago or more) or cannot be running any more: a query settles it, or it waits for an
     *                       operator; false while its answer is awaited
     * @param gatewayHeardAt when the ledger last journalled the gateway's word on the order (a query, a callback, a
     *                       reconciliation) since the operation started, whatever it made of it; null: not since
     */
    public record OperationInFlight(String provider, String merchant, String orderNo, String operation, Money amount,
                                    String issuedBy, OffsetDateTime startedAt, boolean outcomeUnknown,
                                    OffsetDateTime gatewayHeardAt) {

        /** An operator may release it: its outcome is unknown and the gateway has been asked since it started. */
        public boolean releasable() {
            return outcomeUnknown && gatewayHeardAt != null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(PaymentOperationsInFlight.class);
    private static final int BATCH = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CommandProperties properties;
    private final Clock clock;
    private final String insert = SqlStatements.load("ledger/insert-operation-in-flight");
    private final String find = SqlStatements.load("ledger/find-operation-in-flight");
    private final String end = SqlStatements.load("ledger/end-operation-in-flight");
    private final String settle = SqlStatements.load("ledger/settle-operation-in-flight");
    private final String findUnsettled = SqlStatements.load("ledger/find-unsettled-operations");
    private final String list = SqlStatements.load("ledger/list-operations-in-flight");
    private final String findHeard = SqlStatements.load("ledger/find-operation-in-flight-heard");
    private final String insertRelease = SqlStatements.load("ledger/insert-operation-release");
    private final String markOutcomeUnknown = SqlStatements.load("ledger/mark-operation-outcome-unknown");

    public PaymentOperationsInFlight(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction,
                                     CommandProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the operation before its request is built and sent; 409 when the order has one in flight already.
     */
    public void begin(@ExchangeProperty(COMMAND_PROPERTY) PaymentOperationCommand command,
                      @ExchangeProperty(ApiCaller.EXCHANGE_PROPERTY) String issuedBy, Exchange exchange) {
        Money amount = command.amount();
        // to the microsecond, as both databases keep it, so that end() finds its own row by it
        OffsetDateTime startedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        try {
            jdbc.update(insert, key(command.provider(), command.merchant(), command.orderNo())
                    .addValue("operation", command.operation().name())
                    .addValue("amountValue", amount == null ? null : amount.value())
                    .addValue("currency", amount == null ? null : amount.currency())
                    .addValue("issuedBy", issuedBy)
                    .addValue("startedAt", startedAt));
        } catch (DuplicateKeyException e) {
            throw inFlightAlready(command);
        }
        exchange.setProperty(STARTED_PROPERTY, startedAt);
    }

    /**
     * The gateway's answer to the operation has been read and stored: the order takes operations again. Only this
     * exchange's own row ends (a query may have settled it meanwhile, and another operation begun).
     */
    public void end(@ExchangeProperty(COMMAND_PROPERTY) PaymentOperationCommand command,
                    @ExchangeProperty(STARTED_PROPERTY) OffsetDateTime startedAt) {
        jdbc.update(end, key(command.provider(), command.merchant(), command.orderNo()).addValue("startedAt", startedAt));
    }

    /**
     * Nothing was done: the request was refused before anything was sent, or the gateway refused it (a definite
     * answer). The operation ends, and the refusal goes on to the ERP.
     */
    public void endNotPerformed(Exchange exchange) throws Exception {
        end(exchange.getProperty(COMMAND_PROPERTY, PaymentOperationCommand.class),
                exchange.getProperty(STARTED_PROPERTY, OffsetDateTime.class));
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /**
     * The operation's call ended without a known outcome (a timeout, a 5xx, an answer that cannot be trusted, a
     * failed ledger write after it): from now, and {@code settle-unknown-after} later, a query may settle it. The
     * failure goes on to the ERP. When even this cannot be written (the ledger is down), the operation is settled
     * once its call cannot be running any more.
     */
    public void outcomeUnknown(Exchange exchange) throws Exception {
        PaymentOperationCommand command = exchange.getProperty(COMMAND_PROPERTY, PaymentOperationCommand.class);
        try {
            jdbc.update(markOutcomeUnknown, key(command.provider(), command.merchant(), command.orderNo())
                    .addValue("startedAt", exchange.getProperty(STARTED_PROPERTY, OffsetDateTime.class))
                    .addValue("now", OffsetDateTime.now(clock)));
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("the unknown outcome of the {} of order {} could not be recorded ({}); it is settled once its"
                    + " call cannot be running any more", command.operation(), command.orderNo(), e.getMessage());
        }
        throw exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
    }

    /** The operation standing on an order, of any age. */
    public Optional<Standing> standing(ProviderId provider, String merchant, String orderNo) {
        return jdbc.query(find, key(provider, merchant, orderNo), (rs, row) -> new Standing(
                PaymentOperation.valueOf(rs.getString("operation")),
                rs.getObject("started_at", OffsetDateTime.class))).stream().findFirst();
    }

    /**
     * A query of the gateway about this order has just been stored: an operation that started long enough before it
     * is now settled — the ledger shows whether the gateway carried it out — and the order takes operations again.
     */
    public void settledByQuery(ProviderId provider, String merchant, String orderNo) {
        jdbc.update(settle, settleable(key(provider, merchant, orderNo)));
    }

    /**
     * Orders of a provider with an operation whose outcome is unknown and that a query may now settle, started within
     * {@code giveUp} (an order whose queries keep failing stays blocked, but is not asked about forever).
     */
    public List<OrderKey> unsettled(ProviderId provider, Duration giveUp) {
        return jdbc.query(findUnsettled, settleable(new MapSqlParameterSource())
                        .addValue("provider", provider.code())
                        .addValue("startedAfter", OffsetDateTime.now(clock).minus(giveUp))
                        .addValue("limit", BATCH),
                (rs, row) -> new OrderKey(rs.getString("merchant"), rs.getString("order_no")));
    }

    /** The operations standing, oldest first, at most {@code limit}. */
    public List<OperationInFlight> list(int limit) {
        return jdbc.query(list, new MapSqlParameterSource("limit", limit), (rs, row) -> operationInFlight(
                ProviderId.of(rs.getString("provider")), rs.getString("merchant"), rs.getString("order_no"), rs));
    }

    /**
     * An operator releases the operation standing on an order that no query could settle, after checking with the
     * gateway what became of it: the order takes operations again (the one released may then be sent again, which
     * is why the gateway must have been asked first). Recorded with who released it and why.
     *
     * @throws RejectedRequestException 404 when the order has no operation standing; 409 while its answer is
     *                                  awaited, or when the gateway has not been asked about the order since it
     *                                  started, or when it ended meanwhile
     */
    public OperationInFlight release(ProviderId provider, String merchant, String orderNo, String releasedBy,
                                     String reason) {
        OperationInFlight standing = jdbc.query(findHeard, key(provider, merchant, orderNo),
                        (rs, row) -> operationInFlight(provider, merchant, orderNo, rs)).stream().findFirst()
                .orElseThrow(() -> RejectedRequestException.notFound("order " + orderNo + " of "
                        + provider.pathSegment() + " merchant " + merchant + " has no payment operation in flight"));
        String what = "the " + standing.operation() + " of order " + orderNo + " started at " + standing.startedAt();
        if (!standing.outcomeUnknown()) {
            throw new RejectedRequestException(409, what + " is awaiting its answer; it can be released only once its"
                    + " outcome is unknown, " + properties.settleUnknownAfter().toSeconds()
                    + " s after its call ended");
        }
        if (standing.gatewayHeardAt() == null) {
            throw new RejectedRequestException(409, "nothing has been heard from the gateway about order " + orderNo
                    + " since " + what + ": ask it first (POST /api/v1/payments/" + provider.pathSegment() + "/"
                    + merchant + "/" + orderNo + "/query); released without knowing what the gateway did, the "
                    + standing.operation() + " could be sent twice");
        }
        String maskedReason = SensitiveDataMasker.mask(reason);
        MapSqlParameterSource row = key(provider, merchant, orderNo).addValue("startedAt", standing.startedAt());
        boolean released = Boolean.TRUE.equals(transaction.execute(status -> {
            // recorded from the row itself, then the row ends; neither when a query settled it meanwhile
            if (jdbc.update(insertRelease, new MapSqlParameterSource(row.getValues())
                    .addValue("releasedBy", releasedBy)
                    .addValue("releasedAt", OffsetDateTime.now(clock))
                    .addValue("reason", maskedReason)) != 1) {
                return false;
            }
            jdbc.update(end, row);
            return true;
        }));
        if (!released) {
            throw new RejectedRequestException(409, what + " ended meanwhile (a query settled it)");
        }
        log.warn("payment operation released by an operator: provider={} merchant={} order={} operation={}"
                        + " startedAt={} gatewayHeardAt={} releasedBy={} reason={}", provider.pathSegment(), merchant,
                orderNo, standing.operation(), standing.startedAt(), standing.gatewayHeardAt(), releasedBy,
                maskedReason);
        return standing;
    }

    private OperationInFlight operationInFlight(ProviderId provider, String merchant, String orderNo,
                                                java.sql.ResultSet rs) throws java.sql.SQLException {
        BigDecimal value = rs.getBigDecimal("amount_value");
        OffsetDateTime startedAt = rs.getObject("started_at", OffsetDateTime.class);
        return new OperationInFlight(provider.pathSegment(), merchant, orderNo,
                PaymentOperation.valueOf(rs.getString("operation")).pathSegment(),
                value == null ? null : new Money(value, rs.getString("currency")), rs.getString("issued_by"),
                startedAt, settleable(startedAt, rs.getObject("outcome_unknown_since", OffsetDateTime.class)),
                rs.getObject("gateway_heard_at", OffsetDateTime.class));
    }

    /** The bounds of {@code settle-operation-in-flight} and {@code find-unsettled-operations}. */
    private MapSqlParameterSource settleable(MapSqlParameterSource parameters) {
        OffsetDateTime unknownBefore = unknownBefore();
        return parameters.addValue("unknownBefore", unknownBefore)
                .addValue("abandonedBefore", abandonedBefore(unknownBefore));
    }

    /** As the statements judge it: its call ended without a known outcome long enough ago, or cannot be running. */
    private boolean settleable(OffsetDateTime startedAt, OffsetDateTime outcomeUnknownSince) {
        OffsetDateTime unknownBefore = unknownBefore();
        return (outcomeUnknownSince != null && !outcomeUnknownSince.isAfter(unknownBefore))
                || !startedAt.isAfter(abandonedBefore(unknownBefore));
    }

    /** A call that ended without a known outcome before this may be settled by a query. */
    private OffsetDateTime unknownBefore() {
        return OffsetDateTime.now(clock).minus(properties.settleUnknownAfter());
    }

    /** An operation started before this, whatever became of its node, has no call running any more. */
    private static OffsetDateTime abandonedBefore(OffsetDateTime unknownBefore) {
        return unknownBefore.minus(GatewayRequest.LONGEST_TIMEOUT);
    }

    private RejectedRequestException inFlightAlready(PaymentOperationCommand command) {
        List<RejectedRequestException> standing = jdbc.query(find,
                key(command.provider(), command.merchant(), command.orderNo()), (rs, row) -> {
                    BigDecimal value = rs.getBigDecimal("amount_value");
                    String amount = value == null ? "" : " of " + new Money(value, rs.getString("currency")).text()
                            + " " + rs.getString("currency");
                    String operation = PaymentOperation.valueOf(rs.getString("operation")).pathSegment();
                    return new RejectedRequestException(409, "order " + command.orderNo() + " has a " + operation
                            + amount + " in flight since " + rs.getObject("started_at", OffsetDateTime.class)
                            + " (its answer awaited, or its outcome unknown) and takes no other operation until it"
                            + " ends; an unknown outcome is settled by a query of the gateway from "
                            + properties.settleUnknownAfter().toSeconds() + " s after its call ended (the missed-notify"
                            + " poll's, or POST /api/v1/payments/" + command.provider().pathSegment() + "/"
                            + command.merchant() + "/" + command.orderNo() + "/query)");
                });
        // it may have ended between the insert and this read: the ERP may simply ask again
        return standing.isEmpty()
                ? new RejectedRequestException(409, "order " + command.orderNo() + " had another operation in flight;"
                        + " ask again")
                : standing.get(0);
    }

    private static MapSqlParameterSource key(ProviderId provider, String merchant, String orderNo) {
        return new MapSqlParameterSource()
                .addValue("provider", provider.code())
                .addValue("merchant", merchant)
                .addValue("orderNo", orderNo);
    }
}
