package io.ccagent.contracts.agent;

/** The availability status an agent picks in the portal drop-down or with a star code. */
public enum AgentStatus {
    ONLINE("Online"),
    SINGLE_CALL("Single-Call"),
    LUNCH("Lunch"),
    BREAK("Break"),
    MEETING("Meeting"),
    OTHER("Other"),
    WEB("Web"),
    OFFLINE("Offline");

    private final String label;

    AgentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Only Online and Single-Call take calls from queues; every status still takes direct and outbound calls. A switch
     * with no default: a new status does not compile until it says which it is.
     */
    public boolean takesQueueCalls() {
        return switch (this) {
            case ONLINE, SINGLE_CALL -> true;
            case LUNCH, BREAK, MEETING, OTHER, WEB, OFFLINE -> false;
        };
    }
}
