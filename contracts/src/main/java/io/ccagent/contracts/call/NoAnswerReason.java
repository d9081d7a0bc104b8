package io.ccagent.contracts.call;

/** Why an offered phone did not take the call. */
public enum NoAnswerReason {
    TIMEOUT,
    BUSY,
    DECLINED,
    UNREACHABLE
}
