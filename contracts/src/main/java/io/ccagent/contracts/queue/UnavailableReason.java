package io.ccagent.contracts.queue;

/** Why an agent is red in a queue; {@link #NONE} when green. */
public enum UnavailableReason {
    NONE("Available"),
    STATUS("Status is not Online"),
    LOGGED_OUT("Logged out of this queue"),
    ON_CALL("On a call"),
    WRAP_UP("In wrap-up"),
    RINGING("Ringing for another call"),
    NO_ACTIVE_DEVICE("No active phone in this queue"),
    DEVICE_UNREGISTERED("Phone not registered");

    private final String description;

    UnavailableReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
