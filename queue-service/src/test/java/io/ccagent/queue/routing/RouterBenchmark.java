package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The routing core alone, on one tenant of 5,000 agents (one phone each, member of 3 of the 500 queues with
 * priorities 1-3) and every queue type but Call park, with 1,000 agents already talking. Not part of the test run:
 * {@code harness/bench.sh decision} runs it.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RouterBenchmark {

    static final int AGENTS = 5_000;
    static final int QUEUES = 500;
    static final int BUSY = 1_000;
    private static final Tenant TENANT = Tenant.of("bench.example.com");
    private static final QueueType[] TYPES = {QueueType.ROUND_ROBIN, QueueType.TIERED_ROUND_ROBIN,
            QueueType.RING_ALL, QueueType.LINEAR_HUNT, QueueType.LINEAR_CASCADE, QueueType.FEWEST_CALLS,
            QueueType.RANDOM};

    private TenantRouter router;
    private byte[] stored;
    private Instant now;
    private long calls;
    private OfferCall pending;

    @Setup(Level.Trial)
    public void tenant() {
        router = new TenantRouter(TENANT);
        now = Instant.parse("2026-11-26T09:00:00Z");
        for (int q = 0; q < QUEUES; q++) {
            router.on(new QueueConfigured(queue(q), "Q" + q, TYPES[q % TYPES.length], 0, 20, 600,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "bench"), now);
        }
        for (int a = 0; a < AGENTS; a++) {
            AgentId agent = AgentId.of("a" + a, TENANT);
            DeviceId device = DeviceId.of("d" + a, TENANT);
            int[] queues = {a % QUEUES, (a * 7 + 13) % QUEUES, (a * 31 + 101) % QUEUES};
            for (int i = 0; i < queues.length; i++) {
                router.on(new QueueMemberAdded(queue(queues[i]), device, agent, i + 1, a, 1 + a % 3, "bench"), now);
                router.on(new QueueLoginChanged(agent, queue(queues[i]), true, ChangeSource.PORTAL, "bench"), now);
            }
            router.on(new DeviceRegistered(TENANT, device, agent, "sip:d" + a, now.plusSeconds(86_400)), now);
            router.on(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL,
                    "bench"), now);
        }
        for (int i = 0; i < BUSY; i++) {
            answer(offerOf(router.on(arrival(), now)));
        }
        stored = snapshotWrite();
    }

    /** Hangs up the call offered by the previous invocation, so every measurement starts from the same load. */
    @Setup(Level.Invocation)
    public void previousCallDone() {
        if (pending != null) {
            answer(pending);
            router.on(new CallEnded(TENANT, pending.call(), EndCause.AGENT_HANGUP), now);
            pending = null;
        }
        now = now.plusMillis(5);
    }

    /** Caller arrives → ring command decided: the latency the 25 ms target is about, minus Kafka. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public List<Event> callArrives() {
        List<Event> out = router.on(arrival(), now);
        pending = offerOf(out);
        return out;
    }

    /** The periodic scan for ring timeouts, queue timeouts and wrap-up ends, on the loaded tenant. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public List<Event> tick() {
        return router.tick(now);
    }

    /** The partition's snapshot as the snapshot thread writes it every 2 s: gzip-compressed JSON of the tenant. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public byte[] snapshotWrite() {
        return RouterSnapshots.encode(new PartitionRouter.Snapshot(0, Map.of(), List.of(router.snapshot())));
    }

    /** That snapshot read back, as a takeover does before it rebuilds the router from it. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public PartitionRouter.Snapshot snapshotRead() {
        return RouterSnapshots.decode(stored);
    }

    private CallArrived arrival() {
        long n = calls++;
        return new CallArrived(TENANT, CallId.of("call-" + n), "+1555" + n, null, "q", queue((int) (n % QUEUES)),
                null, CallOrigin.EXTERNAL);
    }

    private void answer(OfferCall offer) {
        if (offer != null) {
            router.on(new CallAnswered(TENANT, offer.call(), offer.targets().get(0).device(),
                    offer.targets().get(0).agent(), offer.queue()), now);
        }
    }

    private static OfferCall offerOf(List<Event> events) {
        return events.stream().filter(OfferCall.class::isInstance).map(OfferCall.class::cast).findFirst()
                .orElse(null);
    }

    private static QueueId queue(int q) {
        return QueueId.of("q" + q, TENANT);
    }
}
