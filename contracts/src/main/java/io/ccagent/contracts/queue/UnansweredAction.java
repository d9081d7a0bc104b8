package io.ccagent.contracts.queue;

/** What a queue does with a caller once the queue ring timeout has passed. */
public enum UnansweredAction {
    STAY_IN_QUEUE("Keep waiting in queue"),
    FORWARD("Forward to a number"),
    VOICEMAIL("Send to voicemail");

    private final String label;

    UnansweredAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
