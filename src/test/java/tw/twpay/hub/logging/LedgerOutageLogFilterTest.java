package tw.twpay.hub.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerOutageLogFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final LedgerOutageLogFilter filter = new LedgerOutageLogFilter();

    @AfterEach
    void ledgerUp() {
        LedgerOutageLogFilter.ledgerDown(false);
    }

    private FilterReply warn(String logger) {
        return filter.decide(null, context.getLogger(logger), Level.WARN, "{} - Failed to validate connection",
                new Object[] {"HikariPool-1"}, null);
    }

    @Test
    void whileTheLedgerIsDownThePoolsAndQuartzSayNothing() {
        LedgerOutageLogFilter.ledgerDown(true);

        assertThat(warn("com.zaxxer.hikari.pool.PoolBase")).isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, context.getLogger("org.quartz.impl.jdbcjobstore.JobStoreTX"), Level.ERROR,
                "ClusterManager: Error managing cluster", null, new SQLException("refused", "08001")))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, context.getLogger("org.quartz.core.ErrorLogger"), Level.ERROR,
                "An error occurred while scanning for the next triggers to fire.", null, new SQLException()))
                .isEqualTo(FilterReply.DENY);
        // their INFO, and every other logger, as before
        assertThat(filter.decide(null, context.getLogger("com.zaxxer.hikari.HikariDataSource"), Level.INFO,
                "{} - Start completed.", null, null)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(warn("tw.twpay.hub.ledger.LedgerAvailability")).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void whileTheLedgerIsUpABurstIsOneLineAndOtherLoggersStillSpeak() {
        Logger poolBase = context.getLogger("com.zaxxer.hikari.pool.PoolBase." + System.nanoTime());

        assertThat(warn(poolBase.getName())).isEqualTo(FilterReply.NEUTRAL);
        for (int connection = 2; connection <= 20; connection++) {
            assertThat(warn(poolBase.getName())).isEqualTo(FilterReply.DENY);
        }
        assertThat(warn("org.quartz.impl.jdbcjobstore.JobStoreTX." + System.nanoTime()))
                .isEqualTo(FilterReply.NEUTRAL);
        for (int other = 0; other < 3; other++) {
            assertThat(warn("tw.twpay.hub.delivery.DeliveryOutcomes")).isEqualTo(FilterReply.NEUTRAL);
        }
    }
}
