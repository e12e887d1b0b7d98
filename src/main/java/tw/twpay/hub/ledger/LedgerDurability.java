package tw.twpay.hub.ledger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * A callback is acknowledged only after its ledger commit is on disk: the gateway never sends an acknowledged
 * notify again. Checked once at start-up, before the first callback:
 * <ul>
 *   <li>H2 (file): by default H2 commits to memory and writes to the file up to a second later, so a killed process
 *       loses acknowledged notifies. {@code WRITE_DELAY 0} makes every commit write its changes to the file before it
 *       returns (concurrent commits share one write). Set here whatever the JDBC URL says; it survives a process kill,
 *       not a power loss (H2 does not fsync per commit) — PostgreSQL is the database for that.</li>
 *   <li>PostgreSQL: {@code synchronous_commit} must be {@code on} (the production profile sets it per connection) and
 *       {@code fsync} on; otherwise one line says that acknowledged callbacks can be lost.</li>
 * </ul>
 */
@Component
public class LedgerDurability implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerDurability.class);

    private final DataSource dataSource;

    public LedgerDurability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                makeH2CommitsDurable(connection, meta.getURL());
            } else if (product.contains("postgres")) {
                checkPostgres(connection);
            }
        }
    }

    private static void makeH2CommitsDurable(Connection connection, String url) throws SQLException {
        if (url == null || url.startsWith("jdbc:h2:mem:")) {
            return;
        }
        String delay = setting(connection, "select setting_value from information_schema.settings"
                + " where setting_name = 'WRITE_DELAY'");
        if (!"0".equals(delay)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET WRITE_DELAY 0");
            }
            log.info("H2 ledger: WRITE_DELAY was {}, set to 0 so that every commit reaches the file before a callback"
                    + " is acknowledged", delay);
        }
    }

    private static void checkPostgres(Connection connection) throws SQLException {
        String synchronousCommit = setting(connection, "select current_setting('synchronous_commit')");
        String fsync = setting(connection, "select current_setting('fsync')");
        // every value but off waits for the local WAL flush (local, remote_write, remote_apply add a standby)
        if (!"on".equals(fsync) || "off".equals(synchronousCommit)) {
            log.warn("PostgreSQL ledger is not durable (fsync={}, synchronous_commit={}): a callback acknowledged"
                    + " just before a crash can be lost; set both to on", fsync, synchronousCommit);
        }
    }

    private static String setting(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
