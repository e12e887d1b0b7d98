package tw.twpay.hub.reconciliation;

import java.util.Set;
import tw.twpay.hub.provider.ProviderId;

/**
 * Where a provider's books for a window come from. A provider takes part in reconciliation by adding one Spring bean
 * implementing this interface; the engine, the schedule and the API find it by {@link #provider()} and
 * {@link #name()}, nothing central names it. See the README, "Reconciliation", for how TapPay's Reconciliation API
 * and FlashPay's 106 range query fit.
 */
public interface SettlementSource {

    /** The provider whose books these are. */
    ProviderId provider();

    /** Unique name, recorded on every run as the source read, e.g. {@code newebpay-query-trade-info}. */
    String name();

    /**
     * {@link Coverage#EVERY_TRADE}: the stream lists every trade of the window, so an order of the window the
     * ledger has and the stream lacks is missing at the gateway. {@link Coverage#ASKED_ORDERS}: the source asks
     * about orders one by one; only an explicit {@link SettlementRecord.Presence#NOT_AT_GATEWAY} counts as missing.
     */
    Coverage coverage();

    /** The merchant aliases of this provider the daily schedule reconciles (empty: not scheduled). */
    Set<String> scheduledMerchants();

    /** Whether the source can read the books of this merchant alias at all. */
    boolean serves(String merchant);

    /**
     * Opens the gateway's records of the window, each saying what it means ({@link SettlementRecord#meaning()}: the
     * trade's current state, or one settled operation of it). Called once per run (again from the start when a crashed run is
     * taken over); the records are read one by one and the stream is closed at the end.
     *
     * @param input the settlement file of an import run, null for sources that ask the gateway
     */
    SettlementStream open(SettlementWindow window, java.nio.file.Path input);

    enum Coverage { EVERY_TRADE, ASKED_ORDERS }
}
