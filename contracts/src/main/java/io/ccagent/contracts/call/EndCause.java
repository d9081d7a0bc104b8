package io.ccagent.contracts.call;

/** Why a connected or waiting call ended. */
public enum EndCause {
    CALLER_HANGUP,
    AGENT_HANGUP,
    FORWARDED,
    VOICEMAIL,
    FAILED
}
