package tw.twpay.hub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which of its two databases the ledger is on, for the few statements and settings each runs best in its own form:
 * H2 runs in this process (statements are CPU work, it cannot hash-join), PostgreSQL is a server (each statement a
 * round trip; it takes a chunk's keys as one array, and inserts a row unless it is there in one statement).
 */
public final class LedgerDatabase {

    private LedgerDatabase() {
    }

    public static boolean isPostgres(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    public static boolean isPostgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) LedgerDatabase::isPostgres));
    }

    /**
     * Whether the ledger is on PostgreSQL, asked of the database at the first use and remembered (not at start-up,
     * so a component built while the database is unreachable still comes up).
     */
    public static final class Vendor {

        private final JdbcTemplate jdbc;
        private volatile Boolean postgres;

        public Vendor(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        public boolean isPostgres() {
            Boolean known = postgres;
            if (known == null) {
                known = LedgerDatabase.isPostgres(jdbc);
                postgres = known;
            }
            return known;
        }
    }
}
