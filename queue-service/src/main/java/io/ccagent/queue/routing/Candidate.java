package io.ccagent.queue.routing;

/** A free agent of a queue, with its membership there. */
record Candidate(Membership membership, AgentState agent) {
}
