package io.ccagent.contracts.queue;

/** What a queue does with a caller once the queue ring timeout has passed. */
public enum UnansweredAction {
    STAY_IN_QUEUE,
    FORWARD,
    VOICEMAIL
}
