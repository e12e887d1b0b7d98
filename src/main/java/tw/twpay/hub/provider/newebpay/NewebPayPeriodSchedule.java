package tw.twpay.hub.provider.newebpay;

import java.util.Locale;
import tw.twpay.hub.api.ProviderFields;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * An NDNP mandate's schedule, read from the ERP request's {@code period} object in NewebPay's own terms.
 *
 * @param type      D (every n days), W (weekly), M (monthly) or Y (yearly) — PeriodType
 * @param point     which day: for D the number of days (2..999), W 1..7, M 01..31, Y MMDD — PeriodPoint
 * @param startType 1 = verify the card with a 10 TWD authorisation, 2 = charge the first period now,
 *                  3 = no charge until the first period date — PeriodStartType
 * @param times     how many charges (PeriodTimes); null for open-ended (NE, which the Card Account Updater needs)
 */
record NewebPayPeriodSchedule(String type, String point, int startType, Integer times) {

    static final String EXAMPLE = "{\"type\":\"M\",\"point\":\"05\",\"startType\":2,\"times\":12}";

    static NewebPayPeriodSchedule from(ProviderFields request) {
        if (!request.has("period")) {
            throw RejectedRequestException.badRequest("period is required, e.g. " + EXAMPLE);
        }
        ProviderFields period = request.object("period");
        Integer times = null;
        if (period.has("times") && !(period.raw("times").isTextual()
                && "NE".equalsIgnoreCase(period.raw("times").asText()))) {
            times = period.integer("times").filter(n -> n >= 1 && n <= 99).orElseThrow(() ->
                    RejectedRequestException.badRequest("period.times must be a whole number from 1 to 99 (PER10024), "
                            + "or \"NE\""));
        }
        int startType = period.integer("startType").filter(n -> n >= 1 && n <= 3).orElseThrow(() ->
                RejectedRequestException.badRequest("period.startType must be 1, 2 or 3"));
        String type = period.requiredText("type").toUpperCase(Locale.ROOT);
        String point = period.requiredText("point");
        boolean pointFits = switch (type) {
            case "D" -> point.matches("\\d{1,3}") && Integer.parseInt(point) >= 2;
            case "W" -> point.matches("[1-7]");
            case "M" -> point.matches("0[1-9]|[12]\\d|3[01]");
            case "Y" -> point.matches("(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])");
            default -> throw RejectedRequestException.badRequest("period.type must be D, W, M or Y");
        };
        if (!pointFits) {
            throw RejectedRequestException.badRequest("period.point '" + point + "' does not fit period.type "
                    + type + " (D: 2-999 days, W: 1-7, M: 01-31, Y: MMDD)");
        }
        return new NewebPayPeriodSchedule(type, point, startType, times);
    }
}
