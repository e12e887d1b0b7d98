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

    /*
     * The NDNP-1.0.6 error table's codes (§5; the manual as transcribed in omnipay-taiwan/omnipay-newebpay docs/, the
     * manual the examples in vectors/newebpay-manual-examples.json come from). The simulator used PER10062 (終止狀態，
     * 無法暫停) for every refusal below before.
     */
    /** 該定期定額委託單為暫停狀態，無法重複暫停 */
    static final String ALREADY_SUSPENDED = "PER10061";
    /** 該定期定額委託單為終止狀態，無法暫停 */
    static final String TERMINATED_CANNOT_SUSPEND = "PER10062";
    /** 該定期定額委託單為啟用狀態，無法重複啟用 */
    static final String ALREADY_ACTIVE = "PER10063";
    /** 該定期定額委託單為終止狀態，無法啟用 */
    static final String TERMINATED_CANNOT_RESTART = "PER10064";
    /** 該定期定額委託單為終止狀態，無法重複終止 */
    static final String ALREADY_TERMINATED = "PER10065";
    /** 委託單狀態更新失敗: a change the table has no code of its own for (PeriodTimes not above the periods done) */
    static final String UPDATE_FAILED = "PER10068";
    /** 該定期定額委託單已暫停無法修改 */
    static final String SUSPENDED_CANNOT_ALTER = "PER10071";
    /** 定期定額委託單為終止狀態無法修改 */
    static final String TERMINATED_CANNOT_ALTER = "PER10072";
    /** 該委託單已到期 */
    static final String EXPIRED = "PER10075";
    /** Not a gateway answer: the sandbox's control endpoint asked to charge a mandate that does not charge. */
    static final String NOT_CHARGING = "PER10068";

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
            throw new SimulatedGatewayRefusal(NOT_CHARGING, "委託單狀態為 " + state + "，無法授權 (only an active mandate charges)");
        }
        alreadyTimes++;
        LocalDate authDate = nextAuthDate;
        nextAuthDate = schedule.nextAfter(authDate);
        finishIfNoPeriodsLeft();
        return new PeriodCharge(alreadyTimes, periodAmount, authDate, nextAuthDate);
    }

    void suspend() {
        if (state != State.ACTIVE) {
            throw new SimulatedGatewayRefusal(switch (state) {
                case SUSPENDED -> ALREADY_SUSPENDED;
                case FINISHED -> EXPIRED;
                default -> TERMINATED_CANNOT_SUSPEND;
            }, "委託單狀態為 " + state + "，無法暫停 (only an active mandate can be suspended)");
        }
        state = State.SUSPENDED;
    }

    void terminate() {
        if (state != State.ACTIVE && state != State.SUSPENDED) {
            throw new SimulatedGatewayRefusal(state == State.FINISHED ? EXPIRED : ALREADY_TERMINATED,
                    "委託單狀態為 " + state + "，無法終止 (the mandate has already ended)");
        }
        state = State.TERMINATED;
        nextAuthDate = null;
    }

    /** Periods that fell due while suspended are skipped: the next charge is the first date after today. */
    void restart(LocalDate today) {
        if (state != State.SUSPENDED) {
            throw new SimulatedGatewayRefusal(switch (state) {
                case ACTIVE -> ALREADY_ACTIVE;
                case FINISHED -> EXPIRED;
                default -> TERMINATED_CANNOT_RESTART;
            }, state == State.TERMINATED
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
        // NDNP §3 修改委託內容: "委託狀態若為【終止】或【暫停】，則無法執行此 API"
        if (state != State.ACTIVE) {
            throw new SimulatedGatewayRefusal(switch (state) {
                case SUSPENDED -> SUSPENDED_CANNOT_ALTER;
                case FINISHED -> EXPIRED;
                default -> TERMINATED_CANNOT_ALTER;
            }, "委託單狀態為 " + state + "，無法修改 (only an active mandate can be altered)");
        }
        if (newTimes != null && newTimes <= alreadyTimes) {
            throw new SimulatedGatewayRefusal(UPDATE_FAILED, "授權期數不可小於等於已授權期數 (PeriodTimes must exceed the "
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
