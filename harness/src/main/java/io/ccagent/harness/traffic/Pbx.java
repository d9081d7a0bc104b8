package io.ccagent.harness.traffic;

import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.local.DemoTenant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The harness as an external PBX with callers and phones: it places calls, rings the phones the router offers,
 * answers or lets callers hang up (decided by a seeded random per call, so a run can be repeated), and writes down
 * in the ground truth what really happened. A phone already on a call answers BUSY, as a real one would.
 */
final class Pbx {

    /** How long a caller waits for the router's first offer before hanging up. */
    static final Duration PATIENCE = Duration.ofSeconds(12);

    private final Tenant tenant;
    private final DemoTenant demo;
    private final CallEventSink sink;
    private final RoutingWatch routing;
    private final GroundTruth truth;
    private final String runId;
    private final long seed;
    private final Set<String> busyAgents = ConcurrentHashMap.newKeySet();

    Pbx(DemoTenant demo, CallEventSink sink, RoutingWatch routing, GroundTruth truth, String runId, long seed) {
        this.tenant = Tenant.of(demo.domain());
        this.demo = demo;
        this.sink = sink;
        this.routing = routing;
        this.truth = truth;
        this.runId = runId;
        this.seed = seed;
    }

    /** Plays call number {@code n} to its end; the mix is 80 % queue calls, 10 % direct, 10 % outbound. */
    void play(int n) {
        // SplittableRandom mixes neighbouring seeds; java.util.Random's first draws from them are nearly equal
        Random random = new Random(new java.util.SplittableRandom(seed * 1_000_003L + n).nextLong());
        CallId call = CallId.of(runId + "-" + n);
        double kind = random.nextDouble();
        try {
            if (kind < 0.8) {
                queueCall(call, random);
            } else if (kind < 0.9) {
                directCall(call, random);
            } else {
                outboundCall(call, random);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void queueCall(CallId call, Random random) throws InterruptedException {
        DemoTenant.Queue queue = demo.queues().get(random.nextInt(demo.queues().size()));
        QueueId queueId = QueueId.of(queue.extension(), tenant);
        GroundTruth.CallTruth record = truth.arrived(call.value(), queueId.toString());
        Instant arrived = Instant.now();
        sink.send(new CallArrived(tenant, call, "+1555" + (1000000 + random.nextInt(8999999)), "Caller " + call.value(),
                queue.extension(), queueId, null, CallOrigin.EXTERNAL));
        boolean callerHangsUpWhileRinging = random.nextDouble() < 0.1;
        boolean firstPhoneMisses = random.nextDouble() < 0.1;
        Duration wait = PATIENCE;
        try {
            while (true) {
                OfferCall offer = routing.nextOffer(call.value(), wait);
                if (offer == null) {
                    sink.send(new CallAbandoned(tenant, call, queueId));
                    truth.abandoned(record);
                    return;
                }
                truth.offered(record, Duration.between(arrived, Instant.now()).toMillis());
                OfferTarget target = claimFreeTarget(offer.targets());
                if (target == null) {
                    OfferTarget busy = offer.targets().get(0);
                    sink.send(new OfferNotAnswered(tenant, call, busy.device(), busy.agent(), queueId, NoAnswerReason.BUSY));
                    continue;
                }
                String agent = target.agent().toString();
                sink.send(new CallRinging(tenant, call, target.device(), target.agent(), queueId));
                if (callerHangsUpWhileRinging) {
                    Thread.sleep(300);
                    sink.send(new CallAbandoned(tenant, call, queueId));
                    truth.abandoned(record);
                    busyAgents.remove(agent);
                    return;
                }
                if (firstPhoneMisses) {
                    firstPhoneMisses = false;
                    Thread.sleep(300);
                    sink.send(new OfferNotAnswered(tenant, call, target.device(), target.agent(), queueId,
                            NoAnswerReason.TIMEOUT));
                    truth.missedOffer(agent);
                    busyAgents.remove(agent);
                    continue;
                }
                long talk = 1 + random.nextInt(3);
                sink.send(new CallAnswered(tenant, call, target.device(), target.agent(), queueId));
                truth.answered(record, agent, talk);
                Thread.sleep(talk * 1000);
                sink.send(new CallEnded(tenant, call, random.nextBoolean() ? EndCause.CALLER_HANGUP : EndCause.AGENT_HANGUP));
                busyAgents.remove(agent);
                return;
            }
        } finally {
            routing.forget(call.value());
        }
    }

    private void directCall(CallId call, Random random) throws InterruptedException {
        DemoTenant.User user = claimFreeAgent(random);
        if (user == null) {
            return;
        }
        AgentId agent = AgentId.of(user.extension(), tenant);
        DeviceId device = DeviceId.of(user.devices().get(0).name(), tenant);
        GroundTruth.CallTruth record = truth.arrived(call.value(), null);
        sink.send(new CallArrived(tenant, call, "+1555" + (1000000 + random.nextInt(8999999)), null, user.extension(),
                null, agent, CallOrigin.EXTERNAL));
        sink.send(new CallRinging(tenant, call, device, agent, null));
        long talk = 1 + random.nextInt(3);
        sink.send(new CallAnswered(tenant, call, device, agent, null));
        truth.answered(record, agent.toString(), talk);
        Thread.sleep(talk * 1000);
        sink.send(new CallEnded(tenant, call, EndCause.CALLER_HANGUP));
        busyAgents.remove(agent.toString());
    }

    private void outboundCall(CallId call, Random random) throws InterruptedException {
        DemoTenant.User user = claimFreeAgent(random);
        if (user == null) {
            return;
        }
        AgentId agent = AgentId.of(user.extension(), tenant);
        DeviceId device = DeviceId.of(user.devices().get(0).name(), tenant);
        GroundTruth.CallTruth record = truth.arrived(call.value(), null);
        sink.send(new OutboundPlaced(tenant, call, device, agent, "+1555" + (1000000 + random.nextInt(8999999)), null));
        truth.outbound(record, agent.toString());
        Thread.sleep((1 + random.nextInt(2)) * 1000L);
        sink.send(new CallEnded(tenant, call, EndCause.AGENT_HANGUP));
        busyAgents.remove(agent.toString());
    }

    private OfferTarget claimFreeTarget(List<OfferTarget> targets) {
        for (OfferTarget target : targets) {
            if (busyAgents.add(target.agent().toString())) {
                return target;
            }
        }
        return null;
    }

    private DemoTenant.User claimFreeAgent(Random random) {
        List<DemoTenant.User> agents = demo.users().stream().filter(DemoTenant.User::isAgent).toList();
        int start = random.nextInt(agents.size());
        for (int i = 0; i < agents.size(); i++) {
            DemoTenant.User user = agents.get((start + i) % agents.size());
            if (busyAgents.add(AgentId.of(user.extension(), tenant).toString())) {
                return user;
            }
        }
        return null;
    }
}
