package io.ccagent.harness.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The harness's own record of every call it placed and what happened to it, and of every status it set. It is
 * written only from what the harness itself did, never from what the system reports, so it can judge the system.
 */
final class GroundTruth {

    enum Outcome { IN_PROGRESS, ANSWERED, ABANDONED, DIRECT_ANSWERED, OUTBOUND }

    /** One call as the harness knows it. */
    static final class CallTruth {
        final String call;
        final String queue;
        final java.time.Instant started = java.time.Instant.now();
        volatile String agent;
        volatile Outcome outcome = Outcome.IN_PROGRESS;
        volatile long talkSeconds;
        volatile long offerMillis = -1;

        CallTruth(String call, String queue) {
            this.call = call;
            this.queue = queue;
        }
    }

    private final Map<String, CallTruth> calls = new ConcurrentSkipListMap<>();
    private final Map<String, String> statusByAgent = new ConcurrentHashMap<>();
    private final Map<String, Integer> missedOffersByAgent = new ConcurrentHashMap<>();
    private final List<Long> offerLatenciesMillis = new CopyOnWriteArrayList<>();

    CallTruth arrived(String call, String queue) {
        CallTruth truth = new CallTruth(call, queue);
        calls.put(call, truth);
        return truth;
    }

    void offered(CallTruth call, long millis) {
        if (call.offerMillis < 0) {
            call.offerMillis = millis;
            offerLatenciesMillis.add(millis);
        }
    }

    void answered(CallTruth call, String agent, long talkSeconds) {
        call.agent = agent;
        call.talkSeconds = talkSeconds;
        call.outcome = call.queue == null ? Outcome.DIRECT_ANSWERED : Outcome.ANSWERED;
    }

    void abandoned(CallTruth call) {
        call.outcome = Outcome.ABANDONED;
    }

    void outbound(CallTruth call, String agent) {
        call.agent = agent;
        call.outcome = Outcome.OUTBOUND;
    }

    void missedOffer(String agent) {
        missedOffersByAgent.merge(agent, 1, Integer::sum);
    }

    void status(String agent, String status) {
        statusByAgent.put(agent, status);
    }

    Map<String, String> statuses() {
        return Map.copyOf(statusByAgent);
    }

    Collection<CallTruth> calls() {
        return List.copyOf(calls.values());
    }

    int missedOffers(String agent) {
        return missedOffersByAgent.getOrDefault(agent, 0);
    }

    long count(Outcome outcome) {
        return calls.values().stream().filter(c -> c.outcome == outcome).count();
    }

    long count(Outcome outcome, String agent) {
        return calls.values().stream().filter(c -> c.outcome == outcome && agent.equals(c.agent)).count();
    }

    long countInQueue(String queue, Outcome outcome) {
        return calls.values().stream().filter(c -> queue.equals(c.queue) && (outcome == null || c.outcome == outcome)).count();
    }

    List<Long> offerLatencies() {
        return new ArrayList<>(offerLatenciesMillis);
    }
}
