package tw.twpay.hub.reconciliation;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settlement reconciliation ({@code twpay.reconciliation.*}).
 *
 * @param cron              when the daily run of each scheduled merchant's previous business day starts (Quartz
 *                          cron, read in Asia/Taipei)
 * @param recoveryCron      how often a node looks for runs to take over (heartbeat older than staleAfter) and failed
 *                          scheduled runs whose retry is due
 * @param chunkSize         gateway records judged per ledger look-up and per progress write
 * @param staleAfter        a RUNNING run whose node wrote no progress for this long is taken over by another node
 * @param maxAttempts       attempts of a scheduled run before it stays FAILED for a human
 * @param retryDelay        back-off before the first retry of a failed scheduled run, times retryMultiplier per
 *                          further failure, at most retryMaxDelay
 * @param maxWindowDays     the longest window one run may cover
 * @param settlementFiles   folder where settlement files are dropped for import (and where posted ones are kept)
 */
@Validated
@ConfigurationProperties("twpay.reconciliation")
public record ReconciliationProperties(
        @NotBlank String cron,
        @NotBlank String recoveryCron,
        @Min(1) int chunkSize,
        @NotNull Duration staleAfter,
        @Min(1) int maxAttempts,
        @NotNull Duration retryDelay,
        @DecimalMin("1.0") double retryMultiplier,
        @NotNull Duration retryMaxDelay,
        @Min(1) int maxWindowDays,
        @NotNull Path settlementFiles) {

    /** Back-off after the given number of failed attempts (1 = after the first). */
    public Duration retryDelayAfter(int failures) {
        double millis = retryDelay.toMillis() * Math.pow(retryMultiplier, Math.max(0, failures - 1));
        return Duration.ofMillis((long) Math.min(millis, retryMaxDelay.toMillis()));
    }
}
