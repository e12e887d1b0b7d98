package tw.twpay.hub.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One line at start-up saying which ledger the hub opens, an H2 file as an absolute path: a hub started from an
 * unexpected folder, or given another data directory, shows it here instead of quietly answering 404 for the
 * payments of the ledger it did not open. Written before the database is opened (an initializer that
 * {@link DeploymentFolders} adds), so it is there when opening fails too. Credentials in the URL are masked.
 */
class LedgerLocationLog implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(LedgerLocationLog.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url;
        try {
            url = context.getEnvironment().getProperty("spring.datasource.url");
        } catch (IllegalArgumentException unresolved) {
            return; // an unset variable: the start-up checks name it
        }
        log.info("Ledger: {}", describe(url));
    }

    static String describe(String url) {
        if (url == null) {
            return "spring.datasource.url is not set";
        }
        String h2File = h2File(url);
        if (h2File != null) {
            try {
                String home = System.getProperty("user.home");
                Path file = h2File.startsWith("~") ? Path.of(home + h2File.substring(1)) : Path.of(h2File);
                return "H2 file " + file.toAbsolutePath().normalize() + ".mv.db (spring.datasource.url)";
            } catch (InvalidPathException e) {
                // H2 will refuse it and say why; name what was configured
            }
        }
        return DatabaseUnreachableFailureAnalyzer.withoutCredentials(url) + " (spring.datasource.url)";
    }

    /** The file name part of an embedded H2 URL ({@code jdbc:h2:file:./data/twpay-hub;…} or {@code jdbc:h2:./x}). */
    private static String h2File(String url) {
        if (!url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return null;
        }
        String rest = url.substring(8);
        int options = rest.indexOf(';');
        String name = options < 0 ? rest : rest.substring(0, options);
        if (name.regionMatches(true, 0, "file:", 0, 5)) {
            return name.substring(5);
        }
        // mem:, tcp:, ssl:, zip:, split: ... are not a local file this hub opens by name
        return name.matches("(?i)[a-z]{2,}:.*") ? null : name;
    }
}
