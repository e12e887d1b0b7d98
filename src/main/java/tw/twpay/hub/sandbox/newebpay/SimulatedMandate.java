package tw.twpay.hub.sandbox.newebpay;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;

/**
 * One NDNP (定期定額) mandate of the simulated gateway and the rules of what may happen to it: the next period's
 * charge, suspend, terminate, restart and changes of amount or schedule.
 *
 * <p>States: active → suspended ↔ active; active or suspended → terminated (for good); active → finished after
 * the last period. Only an active mandate charges.
 *
 * <p>Not thread-safe: {@link SimulatedMandates} hands it out only under its lock.
 */
final class SimulatedMandate {

    enum State { ACTIVE, SUSPENDED, TERMINATED, FINISHED }

    static final String NOT_ALLOWED = "PER10062";

    final String merchantId;
    final String merOrderNo;
    final String periodNo;
    final SandboxCard card;
    final URI notifyUrl;

    private State state = State.ACTIVE;
    private BigDecimal periodAmount;
    private PeriodSchedule schedule;
    /** Null: no end (PeriodTimes NE). */
    private Integer totalTimes;
    private int alreadyTimes;
    /** The date of period alreadyTimes + 1; null once finished. */
    private LocalDate nextAuthDate;

    SimulatedMandate(String merchantId, String merOrderNo, String periodNo, SandboxCard card, URI notifyUrl,
                     BigDecimal periodAmount, PeriodSchedule schedule, Integer totalTimes, int alreadyTimes,
                     LocalDate nextAuthDate) {
        this.merchantId = merchantId;
        this.merOrderNo = merOrderNo;
        this.periodNo = periodNo;
        this.card = card;
        this.notifyUrl = notifyUrl;
        this.periodAmount = periodAmount;
        this.schedule = schedule;
        this.totalTimes = totalTimes;
        this.alreadyTimes = alreadyTimes;
        this.nextAuthDate = nextAuthDate;
        finishIfNoPeriodsLeft();
    }

    State state() {
        return state;
    }

    BigDecimal periodAmount() {
        return periodAmount;
    }

    PeriodSchedule schedule() {
        return schedule;
    }

    /** TotalTimes as the gateway writes it: a number, or NE for a mandate without end. */
    Object totalTimesText() {
        return totalTimes == null ? "NE" : totalTimes;
    }

    LocalDate nextAuthDate() {
        return nextAuthDate;
    }

    /**
     * Charges the next period (the simulated day of its charge has come): failed charges count as periods too, as
     * on the gateway, which does not retry them.
     */
    PeriodCharge chargeNext() {
        if (state != State.ACTIVE) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "委託單狀態為 " + state + "，無法授權 (only an active mandate charges)");
        }
        alreadyTimes++;
        LocalDate authDate = nextAuthDate;
        nextAuthDate = schedule.nextAfter(authDate);
        finishIfNoPeriodsLeft();
        return new PeriodCharge(alreadyTimes, periodAmount, authDate, nextAuthDate);
    }

    void suspend() {
        if (state != State.ACTIVE) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "委託單狀態為 " + state + "，無法暫停 (only an active mandate can be suspended)");
        }
        state = State.SUSPENDED;
    }

    void terminate() {
        if (state != State.ACTIVE && state != State.SUSPENDED) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "委託單狀態為 " + state + "，無法終止 (the mandate has already ended)");
        }
        state = State.TERMINATED;
        nextAuthDate = null;
    }

    /** Periods that fell due while suspended are skipped: the next charge is the first date after today. */
    void restart(LocalDate today) {
        if (state != State.SUSPENDED) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, state == State.TERMINATED
                    ? "委託單已終止，無法重新啟用 (a terminated mandate cannot be restarted)"
                    : "委託單狀態為 " + state + "，無法啟用 (only a suspended mandate can be restarted)");
        }
        state = State.ACTIVE;
        if (!nextAuthDate.isAfter(today)) {
            nextAuthDate = schedule.nextAfter(today);
        }
    }

    /**
     * AlterAmt: a new amount and/or schedule for the periods still to come.
     *
     * @param newAmount   null to keep the amount
     * @param newSchedule null to keep the schedule; a new one starts from the first of its dates after today
     * @param newTimes    null to keep PeriodTimes; never fewer than the periods already charged
     */
    void alter(BigDecimal newAmount, PeriodSchedule newSchedule, Integer newTimes, boolean noEnd, LocalDate today) {
        if (state == State.TERMINATED || state == State.FINISHED) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "委託單狀態為 " + state + "，無法修改 (the mandate has ended)");
        }
        if (newTimes != null && newTimes <= alreadyTimes) {
            throw new SimulatedGatewayRefusal(NOT_ALLOWED, "授權期數不可小於等於已授權期數 (PeriodTimes must exceed the "
                    + alreadyTimes + " periods already charged)");
        }
        if (newAmount != null) {
            periodAmount = newAmount;
        }
        if (newSchedule != null) {
            schedule = newSchedule;
            nextAuthDate = newSchedule.nextAfter(today);
        }
        if (newTimes != null || noEnd) {
            totalTimes = newTimes;
        }
    }

    private void finishIfNoPeriodsLeft() {
        if (totalTimes != null && alreadyTimes >= totalTimes) {
            state = State.FINISHED;
            nextAuthDate = null;
        }
    }

    /** @param nextAuthDate null after the last period */
    record PeriodCharge(int number, BigDecimal amount, LocalDate authDate, LocalDate nextAuthDate) {
    }
}
