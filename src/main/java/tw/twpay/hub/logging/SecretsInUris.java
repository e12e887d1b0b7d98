package tw.twpay.hub.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what an endpoint address may carry as a secret before it reaches a log or the outbox's last error: the
 * user-info part and the value of every query parameter, of web addresses and Camel endpoint URIs alike. Which parameter is a token the hub cannot know
 * ({@code ?token=}, {@code ?sig=}, {@code ?code=} ...), so every value is masked and the names are kept.
 */
public final class SecretsInUris {

    private static final Pattern URI = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]*:(?://)?)([^/\\s?#@]*@)?([^\\s?#]*)(\\?[^\\s#]*)?");
    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&\\s]*=)[^&\\s]*");

    private SecretsInUris() {
    }

    /** The text with every URI in it masked. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher uri = URI.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (uri.find()) {
            String userInfo = uri.group(2) == null ? "" : "***@";
            String query = uri.group(4) == null ? "" : QUERY_VALUE.matcher(uri.group(4)).replaceAll("$1***");
            uri.appendReplacement(masked, Matcher.quoteReplacement(uri.group(1) + userInfo + uri.group(3) + query));
        }
        uri.appendTail(masked);
        return masked.toString();
    }
}
