package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A caller waiting in a queue: who rings for them now, and who already let them ring out in this round. */
final class WaitingCaller {

    final CallId call;
    final QueueState queue;
    final String number;
    final String name;
    final Instant since;
    /** Arrival order within the tenant: lower = waited longer. Breaks ties between equal instants. */
    final long sequence;
    final Map<AgentId, Offer> ringing = new LinkedHashMap<>();
    final Set<AgentId> tried = new HashSet<>();
    /** Linear cascade: the group (tier) that rang last for this caller. */
    Integer ringingTier;

    WaitingCaller(CallId call, QueueState queue, String number, String name, Instant since, long sequence) {
        this.call = call;
        this.queue = queue;
        this.number = number;
        this.name = name;
        this.since = since;
        this.sequence = sequence;
    }

    boolean unassigned() {
        return ringing.isEmpty();
    }
}
