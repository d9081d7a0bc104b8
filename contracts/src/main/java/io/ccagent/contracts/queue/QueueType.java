package io.ccagent.contracts.queue;

/** The order in which a queue rings its members. */
public enum QueueType {
    /** Longest-idle available agent first. */
    ROUND_ROBIN("Round robin"),
    /** Longest idle within the lowest tier that has someone available. */
    TIERED_ROUND_ROBIN("Tiered round robin"),
    /** Every available member at once; the first to answer wins. */
    RING_ALL("Ring all"),
    /** Members in their fixed order, one at a time. */
    LINEAR_HUNT("Linear hunt"),
    /** Groups (tiers) in order; each group rings together for the agent ring timeout, then the next. */
    LINEAR_CASCADE("Linear cascade"),
    /** Callers wait until an agent picks one from the callers-waiting list. */
    CALL_PARK("Call park"),
    /** The available agent with the fewest answered calls today first. */
    FEWEST_CALLS("Fewest calls"),
    /** Any available agent, chosen at random. */
    RANDOM("Random");

    private final String label;

    QueueType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
