package tw.twpay.hub.web;

/**
 * The query parameters every list of the ERP API pages with, read one way: {@code limit} (1 to 1000, 100 when not
 * given) and {@code after} (the last id of the page before, a non-negative number, 0 when not given); anything else is
 * a 400 naming the parameter.
 */
public final class PageParameters {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private PageParameters() {
    }

    public static int limit(String value) {
        long limit = nonNegative("limit", value, DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RejectedRequestException.badRequest("limit must be 1 to " + MAX_LIMIT);
        }
        return (int) limit;
    }

    public static long after(String value) {
        return nonNegative("after", value, 0L);
    }

    /** A non-negative whole number named {@code field}; {@code fallback} when not given. */
    public static long nonNegative(String field, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.trim());
            if (number < 0) {
                throw RejectedRequestException.badRequest(field + " must not be negative");
            }
            return number;
        } catch (NumberFormatException e) {
            throw RejectedRequestException.badRequest(field + " must be a number");
        }
    }
}
