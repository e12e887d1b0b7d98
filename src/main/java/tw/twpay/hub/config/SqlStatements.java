package tw.twpay.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads SQL statements kept as files under {@code classpath:sql/}, so SQL is reviewed as SQL. */
public final class SqlStatements {

    private SqlStatements() {
    }

    public static String load(String name) {
        String path = "/sql/" + name + ".sql";
        try (InputStream in = SqlStatements.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL statement " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
