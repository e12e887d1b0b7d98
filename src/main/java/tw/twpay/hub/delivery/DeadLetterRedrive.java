package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tw.twpay.hub.config.SqlStatements;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * Lists dead letters and puts them back in the outbox. A redriven event keeps its CloudEvent id, so an ERP that did
 * receive an earlier attempt after all can still recognise it.
 */
@Component("deadLetterRedrive")
public class DeadLetterRedrive {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRedrive.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    private final String list = SqlStatements.load("delivery/list-dead-letters");
    private final String markRedriven = SqlStatements.load("delivery/mark-dead-letter-redriven");
    private final String requeue = SqlStatements.load("delivery/requeue-outbox-of-dead-letter");
    private final String openIds = SqlStatements.load("delivery/open-dead-letter-ids");
    private final String find = SqlStatements.load("delivery/find-dead-letter");

    public DeadLetterRedrive(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Up to {@code limit} dead letters with an id above {@code afterId}, in id order. */
    public List<DeadLetter> list(boolean includeRedriven, long afterId, int limit) {
        return jdbc.query(list, Map.of("includeRedriven", includeRedriven, "afterId", afterId, "limit", limit),
                (rs, row) -> new DeadLetter(
                        rs.getLong("id"),
                        rs.getLong("outbox_id"),
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getObject("dead_at", OffsetDateTime.class),
                        rs.getObject("redriven_at", OffsetDateTime.class)));
    }

    /** Requeues one dead letter; 404 when it does not exist, 409 when it was redriven already. */
    public Map<String, Object> redrive(long id) {
        List<Object> found = jdbc.query(find, Map.of("id", id), (rs, row) -> rs.getObject("redriven_at"));
        if (found.isEmpty()) {
            throw new RejectedRequestException(404, "dead letter " + id + " does not exist");
        }
        if (!requeue(id)) {
            throw new RejectedRequestException(409, "dead letter " + id + " was redriven already");
        }
        return Map.of("redriven", List.of(id));
    }

    /** Requeues every dead letter not redriven yet. */
    public Map<String, Object> redriveAll() {
        List<Long> redriven = jdbc.queryForList(openIds, Map.of(), Long.class).stream()
                .filter(this::requeue)
                .toList();
        return Map.of("redriven", redriven);
    }

    private boolean requeue(long id) {
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("now", OffsetDateTime.now(clock));
        Boolean done = transaction.execute(status -> {
            if (jdbc.update(markRedriven, row) != 1) {
                return false;
            }
            jdbc.update(requeue, row);
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            log.info("dead letter {} redriven", id);
        }
        return Boolean.TRUE.equals(done);
    }
}
