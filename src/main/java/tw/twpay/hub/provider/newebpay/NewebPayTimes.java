package tw.twpay.hub.provider.newebpay;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The gateway's times: Taipei local time without an offset, in the shapes its documents show per field —
 * {@code yyyy-MM-dd HH:mm:ss} (PayTime, the period charge's AuthDate), {@code yyyyMMddHHmmss} (the mandate result's
 * AuthTime, String(14)), {@code yyyy-MM-dd} (NextAuthDate, NewNextTime) and {@code yyyyMMdd} (NewNextTime String(8),
 * the token charge's AuthDate, whose AuthTime is then {@code HHmmss}). "0000-00-00…" means none.
 */
final class NewebPayTimes {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter COMPACT_TIME = DateTimeFormatter.ofPattern("HHmmss");
    // the shapes, compiled once (every notify has a time to read)
    private static final Pattern DASHED_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern DASHED_WITHOUT_SPACE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");
    private static final Pattern DASHED_DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    private NewebPayTimes() {
    }

    /**
     * A date and time in any of the gateway's shapes, or null when absent or "none".
     *
     * @throws NewebPayDecodeException naming the field when the text has none of the shapes
     */
    static OffsetDateTime time(String text, String field) {
        LocalDateTime local = localTime(text, field);
        return local == null ? null : local.atZone(TAIPEI).toOffsetDateTime();
    }

    /** A date (a time's date part when a time is given), or null when absent or "none". */
    static LocalDate date(String text, String field) {
        LocalDateTime local = localTime(text, field);
        return local == null ? null : local.toLocalDate();
    }

    /** The token charge's split AuthDate (yyyyMMdd) + AuthTime (HHmmss); either alone is read as it is. */
    static OffsetDateTime dateAndTime(String date, String time, String dateField, String timeField) {
        if (absent(date)) {
            return time(time, timeField);
        }
        String compactDate = date.trim();
        if (EIGHT_DIGITS.matcher(compactDate).matches() && time != null
                && SIX_DIGITS.matcher(time.trim()).matches()) {
            try {
                return LocalDate.parse(compactDate, COMPACT_DATE)
                        .atTime(LocalTime.parse(time.trim(), COMPACT_TIME)).atZone(TAIPEI).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new NewebPayDecodeException(dateField + "/" + timeField + " is not a valid date and time");
            }
        }
        return time(compactDate, dateField);
    }

    private static LocalDateTime localTime(String text, String field) {
        if (absent(text)) {
            return null;
        }
        String value = text.trim().replace('+', ' ');
        try {
            if (DASHED_SHAPE.matcher(value).matches()) {
                return LocalDateTime.parse(value, DASHED);
            }
            if (DASHED_WITHOUT_SPACE_SHAPE.matcher(value).matches()) {
                // the NDNF manual prints its example so ("2014-06-2516:43:49")
                return LocalDateTime.parse(value.substring(0, 10) + " " + value.substring(10), DASHED);
            }
            if (FOURTEEN_DIGITS.matcher(value).matches()) {
                return LocalDateTime.parse(value, COMPACT);
            }
            if (DASHED_DATE_SHAPE.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay();
            }
            if (EIGHT_DIGITS.matcher(value).matches()) {
                return LocalDate.parse(value, COMPACT_DATE).atStartOfDay();
            }
        } catch (DateTimeParseException e) {
            throw new NewebPayDecodeException(field + " is not a valid date or time");
        }
        throw new NewebPayDecodeException(field + " is not a date or time in a shape the gateway uses");
    }

    private static boolean absent(String text) {
        return text == null || text.isBlank() || text.trim().startsWith("0000") || "-".equals(text.trim());
    }
}
