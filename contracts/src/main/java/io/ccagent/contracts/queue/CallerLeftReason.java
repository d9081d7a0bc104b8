package io.ccagent.contracts.queue;

/** Why a caller is no longer waiting in a queue. */
public enum CallerLeftReason {
    ANSWERED,
    ABANDONED,
    UNANSWERED_ACTION
}
