package tw.twpay.hub.sandbox.newebpay;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The gateway speaks Taipei local time, without an offset. */
final class GatewayTime {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    static final DateTimeFormatter COMPACT_DATE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** What the gateway writes for a time that has not happened. */
    static final String NO_TIME = "0000-00-00 00:00:00";
    static final String NO_DATE = "0000-00-00";

    private GatewayTime() {
    }

    static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), TAIPEI);
    }

    static String dateTime(LocalDateTime time) {
        return time == null ? NO_TIME : time.format(DATE_TIME);
    }

    /** The NDNP mandate result's AuthTime: String(14), yyyyMMddHHmmss. */
    static String compactDateTime(LocalDateTime time) {
        return time.format(COMPACT_DATE_TIME);
    }

    static String date(LocalDate date) {
        return date == null ? NO_DATE : date.format(DATE);
    }
}
