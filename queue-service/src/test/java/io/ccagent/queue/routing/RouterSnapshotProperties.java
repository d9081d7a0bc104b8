package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * A router restored from a snapshot taken at any step, fed the rest of the steps (the tail), publishes exactly what
 * the router that never stopped publishes, step by step; the snapshot goes through its stored form (JSON, gzip).
 */
class RouterSnapshotProperties {

    private static final Tenant TENANT = Tenant.of("snapshot.example.com");
    private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
    private static final QueueType[] TYPES = {QueueType.ROUND_ROBIN, QueueType.TIERED_ROUND_ROBIN,
            QueueType.RING_ALL, QueueType.LINEAR_HUNT, QueueType.LINEAR_CASCADE, QueueType.FEWEST_CALLS,
            QueueType.RANDOM, QueueType.CALL_PARK};
    private static final int AGENTS = 4;
    private static final int QUEUES = 3;

    /** One input: an event at an instant, or time passing (event null). */
    private record Step(Event event, Instant at) {
    }

    @Test
    void snapshotThenTailEqualsAnUninterruptedRun() {
        qt().withExamples(300)
                .forAll(lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 120),
                        integers().between(0, 1000))
                .checkAssert((codes, cut) -> {
                    List<Step> steps = steps(codes);
                    assertReplayEqualsUninterrupted(steps, cut * steps.size() / 1000);
                });
    }

    /**
     * The Random type's draws replay as well: six free agents, callers ringing out one agent after another, and a
     * restored router offers each of them to the agents the uninterrupted one chose. (A generator of the router's own
     * would draw differently after the snapshot.)
     */
    @Test
    void aRestoredRouterDrawsTheSameRandomAgentsAsTheUninterruptedOne() {
        List<Step> steps = new ArrayList<>();
        Instant now = START;
        steps.add(new Step(new QueueConfigured(queue(0), "Random", QueueType.RANDOM, 0, 5, 600,
                UnansweredAction.STAY_IN_QUEUE, null, "UTC", "t"), now));
        for (int a = 0; a < 6; a++) {
            steps.add(new Step(new QueueMemberAdded(queue(0), device(a), agent(a), 1, a, 1, "t"), now));
            steps.add(new Step(new DeviceRegistered(TENANT, device(a), agent(a), "sip:" + a, now.plusSeconds(86_400)),
                    now));
            steps.add(new Step(new QueueLoginChanged(agent(a), queue(0), true, ChangeSource.PORTAL, "t"), now));
            steps.add(new Step(new AgentStatusChanged(agent(a), AgentStatus.OFFLINE, AgentStatus.ONLINE,
                    ChangeSource.PORTAL, "t"), now));
        }
        for (int second = 0; second < 90; second++) {
            now = now.plusSeconds(1);
            steps.add(second % 9 == 0
                    ? new Step(new CallArrived(TENANT, call(second), "+1", "C", "x", queue(0), null,
                    CallOrigin.EXTERNAL), now)
                    : new Step(null, now));
        }
        TenantRouter draws = new TenantRouter(TENANT);
        List<OfferCall> offers = steps.stream().flatMap(step -> run(draws, step).stream())
                .filter(OfferCall.class::isInstance).map(OfferCall.class::cast).toList();
        // enough draws among enough agents that a different sequence of draws would show
        assertThat(offers).hasSizeGreaterThan(30);
        assertThat(offers.stream().map(offer -> offer.targets().get(0).agent()).distinct()).hasSizeGreaterThan(4);
        for (int at = 25; at < steps.size(); at += 10) {
            assertReplayEqualsUninterrupted(steps, at);
        }
    }

    /** Snapshot after {@code at} steps, restore, run the rest: every step's outputs equal the uninterrupted run's. */
    private static void assertReplayEqualsUninterrupted(List<Step> steps, int at) {
        TenantRouter uninterrupted = new TenantRouter(TENANT);
        List<List<String>> expected = new ArrayList<>();
        for (Step step : steps) {
            expected.add(normalized(run(uninterrupted, step)));
        }

        TenantRouter before = new TenantRouter(TENANT);
        for (Step step : steps.subList(0, at)) {
            run(before, step);
        }
        PartitionRouter.Snapshot stored = RouterSnapshots.decode(RouterSnapshots.encode(
                new PartitionRouter.Snapshot(0, Map.of("call.events", (long) at), List.of(before.snapshot()))));
        TenantRouter restored = TenantRouter.restore(stored.tenants().get(0));
        for (int index = at; index < steps.size(); index++) {
            assertThat(normalized(run(restored, steps.get(index))))
                    .as("step %d of %d after a snapshot at %d: %s", index, steps.size(), at, steps.get(index))
                    .isEqualTo(expected.get(index));
        }
        Instant end = steps.get(steps.size() - 1).at();
        assertThat(normalized(restored.reconcile(end))).isEqualTo(normalized(uninterrupted.reconcile(end)));
    }

    private static List<Event> run(TenantRouter router, Step step) {
        return step.event() == null ? router.tick(step.at()) : router.on(step.event(), step.at());
    }

    /** Outputs of one step as a multiset: their order within a step is not part of the decision. */
    private static List<String> normalized(List<Event> events) {
        return events.stream().map(Event::toString).sorted().toList();
    }

    /** Queues, members and agents first, then random inputs decoded from the codes. */
    private static List<Step> steps(List<Integer> codes) {
        List<Step> steps = new ArrayList<>();
        Instant now = START;
        int seed = codes.get(0);
        for (int q = 0; q < QUEUES; q++) {
            QueueType type = TYPES[Math.floorMod(seed >> (q * 3), TYPES.length)];
            steps.add(new Step(new QueueConfigured(queue(q), "Q" + q, type, (seed >> q) % 2 == 0 ? 0 : 5, 10, 40,
                    q == 2 ? UnansweredAction.VOICEMAIL : UnansweredAction.STAY_IN_QUEUE, null, "UTC", "t"), now));
        }
        for (int a = 0; a < AGENTS; a++) {
            for (int q = 0; q < QUEUES; q++) {
                if ((a + q) % 3 != 2) {
                    steps.add(new Step(new QueueMemberAdded(queue(q), device(a), agent(a), 1 + (a + q) % 2, a,
                            1 + a % 2, "t"), now));
                }
            }
            steps.add(new Step(new DeviceRegistered(TENANT, device(a), agent(a), "sip:" + a, now.plusSeconds(86_400)),
                    now));
        }
        int calls = 0;
        for (int code : codes.subList(1, codes.size())) {
            int kind = code % 18;
            int a = (code >> 4) % AGENTS;
            int q = (code >> 6) % QUEUES;
            int c = Math.max(0, calls - 1 - (code >> 8) % 4);
            Event event = switch (kind) {
                case 0, 1 -> new AgentStatusChanged(agent(a), AgentStatus.OFFLINE,
                        (code >> 9) % 3 == 0 ? AgentStatus.BREAK : (code >> 9) % 3 == 1 ? AgentStatus.SINGLE_CALL
                                : AgentStatus.ONLINE, ChangeSource.PORTAL, "t");
                case 2, 3 -> new QueueLoginChanged(agent(a), queue(q), (code >> 9) % 4 != 0, ChangeSource.PORTAL, "t");
                case 4, 5 -> new CallArrived(TENANT, call(calls++), "+1", "C", "x", queue(q), null, CallOrigin.EXTERNAL);
                case 6 -> new CallAnswered(TENANT, call(c), device(a), agent(a), null);
                case 7 -> new OfferNotAnswered(TENANT, call(c), device(a), agent(a), null, NoAnswerReason.TIMEOUT);
                case 8 -> new CallAbandoned(TENANT, call(c), null);
                case 9 -> new CallEnded(TENANT, call(c), EndCause.AGENT_HANGUP);
                case 10 -> (code >> 9) % 2 == 0 ? new DeviceUnregistered(TENANT, device(a), agent(a), "t")
                        : new DeviceRegistered(TENANT, device(a), agent(a), "sip:" + a, now.plusSeconds(86_400));
                case 11 -> new DeviceDeactivated(agent(a), device(a), "t");
                case 12 -> (code >> 9) % 2 == 0 ? new QueueMemberRemoved(queue(q), device(a), agent(a), "t")
                        : new QueueMemberAdded(queue(q), device(a), agent(a), 1, a, 1, "t");
                case 13 -> new WrapUpStarted(agent(a), call(c), queue(q), now.plusSeconds(3));
                case 14 -> new CallerPicked(queue(q), call(c), agent(a), device(a), "t");
                case 15 -> new AgentCallStarted(agent(a), call(c), queue(q), device(a));
                case 16 -> new AgentCallEnded(agent(a), call(c), queue(q));
                default -> null;
            };
            now = now.plusMillis(event == null ? 1_000L * (1 + (code >> 9) % 12) : (code >> 9) % 700);
            steps.add(new Step(event, now));
        }
        return steps;
    }

    private static AgentId agent(int a) {
        return AgentId.of("10" + a, TENANT);
    }

    private static DeviceId device(int a) {
        return DeviceId.of("10" + a, TENANT);
    }

    private static QueueId queue(int q) {
        return QueueId.of("800" + q, TENANT);
    }

    private static CallId call(int c) {
        return CallId.of("call-" + c);
    }
}
