package tw.twpay.hub.sandbox.newebpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** NDNP charge dates: the calendar edge cases a mandate meets within a year. */
class PeriodScheduleTest {

    private static final LocalDate JAN_31_2028 = LocalDate.of(2028, 1, 31);

    @Test
    void monthlyOnThe31stChargesOnTheLastDayOfShorterMonths() {
        PeriodSchedule monthly = PeriodSchedule.of("M", "31");
        assertThat(monthly.dates(JAN_31_2028, 4)).containsExactly(JAN_31_2028, LocalDate.of(2028, 2, 29),
                LocalDate.of(2028, 3, 31), LocalDate.of(2028, 4, 30));
        assertThat(PeriodSchedule.of("M", "05").nextAfter(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2026, 12, 5));
        assertThat(PeriodSchedule.of("M", "05").nextAfter(LocalDate.of(2026, 11, 4))).isEqualTo(LocalDate.of(2026, 11, 5));
    }

    @Test
    void nextDateIsAlwaysStrictlyAfter() {
        assertThat(PeriodSchedule.of("M", "22").nextAfter(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2026, 12, 22));
        // 2026-11-22 is a Sunday
        assertThat(PeriodSchedule.of("W", "7").nextAfter(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(PeriodSchedule.of("W", "1").nextAfter(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(PeriodSchedule.of("D", "30").nextAfter(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2026, 12, 22));
    }

    @Test
    void yearlyOnThe29thOfFebruaryChargesOnThe28thInOtherYears() {
        PeriodSchedule leapDay = PeriodSchedule.of("Y", "0229");
        assertThat(leapDay.dates(leapDay.nextAfter(LocalDate.of(2026, 11, 22)), 3))
                .containsExactly(LocalDate.of(2027, 2, 28), LocalDate.of(2028, 2, 29), LocalDate.of(2029, 2, 28));
    }

    @Test
    void pointsThatDoNotFitTheTypeAreRefused() {
        for (String[] wrong : new String[][] {{"D", "1"}, {"D", "1000"}, {"W", "0"}, {"W", "8"}, {"M", "32"},
                {"M", "0"}, {"Y", "1301"}, {"Y", "0230"}, {"Y", "229"}, {"Q", "1"}}) {
            assertThatThrownBy(() -> PeriodSchedule.of(wrong[0], wrong[1])).as("%s %s", wrong[0], wrong[1])
                    .isInstanceOf(SimulatedGatewayRefusal.class)
                    .satisfies(e -> assertThat(((SimulatedGatewayRefusal) e).status()).isEqualTo("PER10003"));
        }
    }
}
