package tw.twpay.hub.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tw.twpay.hub.config.SqlStatements;

/**
 * A node that restarts gives back the events it had claimed before (after kill -9 or a crash), before its poller
 * starts: they are due again at once, for this node or any other, instead of waiting out the dead process's lease.
 */
@Component
public class EarlierClaimsRelease implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EarlierClaimsRelease.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final NodeIdentity node;
    private final DeliveryProperties properties;
    private final String release = SqlStatements.load("delivery/release-earlier-claims");

    public EarlierClaimsRelease(NamedParameterJdbcTemplate jdbc, Clock clock, NodeIdentity node,
                                DeliveryProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        OffsetDateTime started = OffsetDateTime.now(clock);
        int released = jdbc.update(release, new MapSqlParameterSource()
                .addValue("node", node.id())
                .addValue("startedPlusLease", started.plusNanos(properties.leaseMs() * 1_000_000)));
        if (released > 0) {
            log.info("node {} released {} events it had claimed before it restarted; they are due again now",
                    node.id(), released);
        } else {
            log.info("node id {}", node.id());
        }
    }
}
