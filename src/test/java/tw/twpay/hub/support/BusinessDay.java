package tw.twpay.hub.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import tw.twpay.hub.reconciliation.SettlementWindow;

/**
 * Today in the reconciliation's business time zone (Asia/Taipei) for tests that create orders now and reconcile
 * "today": a test begun in the last minutes before Taipei midnight would create orders on one day and look for them
 * on the other, so it waits for the new day first.
 */
public final class BusinessDay {

    /** How long before midnight a test no longer starts (a reconciliation test class runs well within it). */
    private static final Duration CLEARANCE = Duration.ofMinutes(2);
    private static final LocalTime LAST_START = LocalTime.MIDNIGHT.minus(CLEARANCE);

    private BusinessDay() {
    }

    /** Today in Asia/Taipei, once the clock is at least {@link #CLEARANCE} away from the next midnight. */
    public static LocalDate todayClearOfMidnight() {
        await().atMost(CLEARANCE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> LocalTime.now(SettlementWindow.BUSINESS_ZONE).isBefore(LAST_START));
        return LocalDate.now(SettlementWindow.BUSINESS_ZONE);
    }
}
