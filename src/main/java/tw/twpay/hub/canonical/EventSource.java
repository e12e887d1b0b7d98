package tw.twpay.hub.canonical;

/** How the hub learned a fact. Only a callback or a server-side query is trusted to move money states. */
public enum EventSource {
    CALLBACK,
    COMMAND,
    QUERY,
    RECONCILIATION
}
