package tw.twpay.hub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads SQL statements kept as files under {@code classpath:sql/}, so SQL is reviewed as SQL. A line
 * {@code -- include: name} stands for the statement of that name, so a statement built of others (a PostgreSQL
 * statement writing several rows at once) does not repeat them.
 */
public final class SqlStatements {

    private static final Pattern INCLUDE = Pattern.compile("(?m)^[ \\t]*-- include: (\\S+)[ \\t]*$");

    private SqlStatements() {
    }

    public static String load(String name) {
        String path = "/sql/" + name + ".sql";
        String text;
        try (InputStream in = SqlStatements.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL statement " + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return INCLUDE.matcher(text).replaceAll(include -> Matcher.quoteReplacement(load(include.group(1))));
    }
}
