package tw.twpay.hub.sandbox.newebpay;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * When an NDNP mandate charges: PeriodType and PeriodPoint as the gateway defines them.
 * <ul>
 *   <li>D: every PeriodPoint days (2..999);</li>
 *   <li>W: every week on weekday PeriodPoint (1 Monday .. 7 Sunday);</li>
 *   <li>M: every month on day PeriodPoint (01..31; shorter months charge on their last day);</li>
 *   <li>Y: every year on PeriodPoint MMDD (29 February charges on the 28th in other years).</li>
 * </ul>
 *
 * @param point the PeriodPoint as sent, for answers
 */
record PeriodSchedule(String type, String point) {

    static final String REFUSED = "PER10003";

    /** @throws SimulatedGatewayRefusal when the type or point is not one the gateway accepts */
    static PeriodSchedule of(String type, String point) {
        if (type == null || point == null) {
            throw new SimulatedGatewayRefusal(REFUSED, "PeriodType 與 PeriodPoint 不可空白 (PeriodType and PeriodPoint are required)");
        }
        boolean valid = switch (type) {
            case "D" -> point.matches("\\d{1,3}") && Integer.parseInt(point) >= 2;
            case "W" -> point.matches("[1-7]");
            case "M" -> point.matches("\\d{1,2}") && Integer.parseInt(point) >= 1 && Integer.parseInt(point) <= 31;
            case "Y" -> point.matches("\\d{4}") && isMonthDay(point);
            default -> throw new SimulatedGatewayRefusal(REFUSED, "PeriodType 設定錯誤 (PeriodType must be D, W, M or Y)");
        };
        if (!valid) {
            throw new SimulatedGatewayRefusal(REFUSED, "PeriodPoint 設定錯誤 (PeriodPoint does not fit PeriodType " + type
                    + ": D 2..999 days, W 1..7, M 01..31, Y MMDD)");
        }
        return new PeriodSchedule(type, point);
    }

    private static boolean isMonthDay(String mmdd) {
        try {
            MonthDay.of(Integer.parseInt(mmdd.substring(0, 2)), Integer.parseInt(mmdd.substring(2)));
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    /** The first charge date strictly after {@code day}. */
    LocalDate nextAfter(LocalDate day) {
        int value = Integer.parseInt(point);
        return switch (type) {
            case "D" -> day.plusDays(value);
            case "W" -> day.with(TemporalAdjusters.next(DayOfWeek.of(value)));
            case "M" -> {
                LocalDate candidate = onDayOfMonth(day, value);
                yield candidate.isAfter(day) ? candidate : onDayOfMonth(day.plusMonths(1).withDayOfMonth(1), value);
            }
            default -> {
                MonthDay monthDay = MonthDay.of(value / 100, value % 100);
                LocalDate candidate = atYear(monthDay, day.getYear());
                yield candidate.isAfter(day) ? candidate : atYear(monthDay, day.getYear() + 1);
            }
        };
    }

    /** {@code count} charge dates; the first is {@code first}, each next one follows the schedule. */
    List<LocalDate> dates(LocalDate first, int count) {
        List<LocalDate> dates = new ArrayList<>(count);
        LocalDate date = first;
        for (int i = 0; i < count; i++) {
            dates.add(date);
            date = nextAfter(date);
        }
        return dates;
    }

    private static LocalDate onDayOfMonth(LocalDate month, int dayOfMonth) {
        return month.withDayOfMonth(Math.min(dayOfMonth, month.lengthOfMonth()));
    }

    private static LocalDate atYear(MonthDay monthDay, int year) {
        return monthDay.isValidYear(year) ? monthDay.atYear(year) : LocalDate.of(year, monthDay.getMonth(), 28);
    }
}
