package io.ccagent.contracts.agent;

/** Where a change to an agent came from, kept so history can answer "why was I red at 10:32?". */
public enum ChangeSource {
    PORTAL,
    STAR_CODE,
    SUPERVISOR,
    SYSTEM
}
