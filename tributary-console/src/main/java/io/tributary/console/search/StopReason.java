package io.tributary.console.search;

/** Why a search ended, as the done event names it. */
public enum StopReason {
    COMPLETE("complete"), MAX_MATCHES("maxMatches"), MAX_BYTES("maxBytes"), MAX_MILLIS("maxMillis"),
    CANCELLED("cancelled");

    private final String wireName;

    StopReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
