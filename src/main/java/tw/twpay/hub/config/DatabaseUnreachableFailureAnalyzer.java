package tw.twpay.hub.config;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Names {@code spring.datasource.url} when start-up fails because the ledger database cannot be reached, instead
 * of leaving the operator with a connection-pool stack trace. The URL is shown without credentials.
 */
public class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    public DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /** H2: the database file is locked by another process. */
    private static final String H2_DATABASE_IN_USE = "90020";

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        if (findState(failure, H2_DATABASE_IN_USE) != null) {
            return new FailureAnalysis(
                    "twpay-hub refused to start: the ledger " + withoutCredentials(url) + " is in use by another"
                            + " process (another hub running on the same H2 file?)",
                    "Stop the other hub first, or give this one its own data directory (twpay.data-dir /"
                            + " TWPAY_DATA_DIR). Several nodes need PostgreSQL (see README, Production).",
                    failure);
        }
        SQLException connectionFailure = findConnectionFailure(failure);
        if (connectionFailure == null) {
            return null;
        }
        return new FailureAnalysis(
                "twpay-hub refused to start: the ledger database at spring.datasource.url=" + withoutCredentials(url)
                        + " cannot be reached (" + connectionFailure.getMessage() + ")",
                "Check spring.datasource.url (TWPAY_DB_URL in production), that the database is running and "
                        + "reachable, and spring.datasource.username / password.",
                failure);
    }

    private static SQLException findState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    private static SQLException findConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // SQLState class 08 = connection exception, the same on PostgreSQL, H2 and the JDBC standard
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static String withoutCredentials(String url) {
        if (url == null) {
            return "(not set)";
        }
        return url.replaceAll("(?i)(password|user)=[^&;]*", "$1=***").replaceAll("//[^/@]*@", "//***@");
    }
}
