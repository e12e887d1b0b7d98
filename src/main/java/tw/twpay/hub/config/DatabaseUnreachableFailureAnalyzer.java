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

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        SQLException connectionFailure = findConnectionFailure(failure);
        if (connectionFailure == null) {
            return null;
        }
        String url = environment == null ? null : environment.getProperty("spring.datasource.url");
        return new FailureAnalysis(
                "twpay-hub refused to start: the ledger database at spring.datasource.url=" + withoutCredentials(url)
                        + " cannot be reached (" + connectionFailure.getMessage() + ")",
                "Check spring.datasource.url (TWPAY_DB_URL in production), that the database is running and "
                        + "reachable, and spring.datasource.username / password.",
                failure);
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
