package tw.twpay.hub.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * What the Quartz routes start: each scheduled merchant's previous business day, and the runs to take over or to
 * retry. Quartz is clustered on PostgreSQL in production, so each fires once per cluster; should two nodes fire
 * anyway, a window reconciled already is skipped and the unique running key lets only one run start.
 */
@Component("reconciliationSchedule")
public class ReconciliationSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final SettlementSources sources;
    private final ReconciliationRuns runs;
    private final ReconciliationProperties properties;
    private final Clock clock;

    public ReconciliationSchedule(SettlementSources sources, ReconciliationRuns runs,
                                  ReconciliationProperties properties, Clock clock) {
        this.sources = sources;
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    /** Run ids started for yesterday (Asia/Taipei) of every scheduled merchant of every source. */
    public List<String> startPreviousDay() {
        LocalDate yesterday = LocalDate.now(clock.withZone(SettlementWindow.BUSINESS_ZONE)).minusDays(1);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> started = new ArrayList<>();
        for (SettlementSource source : sources.all()) {
            for (String merchant : source.scheduledMerchants()) {
                SettlementWindow window = SettlementWindow.day(source.provider(), merchant, yesterday);
                if (runs.coveredAlready(window, source.name())) {
                    continue;
                }
                try {
                    started.add(runs.create(window, source.name(), null, RunTrigger.SCHEDULE, now));
                } catch (RejectedRequestException running) {
                    log.info("scheduled reconciliation of {} skipped: {}", window.key(), running.getMessage());
                }
            }
        }
        log.info("scheduled reconciliation of {} started {} run(s)", yesterday, started.size());
        return started;
    }

    /** Runs whose node stopped beating, and failed scheduled runs whose retry is due (made RUNNING again). */
    public List<String> runsToResume() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> resumed = new ArrayList<>(runs.staleRunning(now.minus(properties.staleAfter())));
        for (String id : runs.dueRetries(now)) {
            runs.find(id).filter(run -> runs.restartFailed(run, now)).ifPresent(run -> resumed.add(run.id()));
        }
        if (!resumed.isEmpty()) {
            log.info("reconciliation runs to take over or retry: {}", resumed);
        }
        return resumed;
    }
}
