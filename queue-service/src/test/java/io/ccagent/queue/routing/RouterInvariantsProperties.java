package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
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
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.queue.routing.RouterGenerators.Scenario;
import io.ccagent.queue.routing.RouterGenerators.Step;
import io.ccagent.testkit.PropertyCheck;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.ccagent.queue.routing.RouterScenario.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random arrivals, hang-ups, answers, no-answers, status, login, phone and time changes against the router, with
 * an independent model of the telephony side checking the invariants of issue 4 after every step.
 */
class RouterInvariantsProperties {

    private static final int AGENTS = 5;
    private static final List<AgentStatus> STATUSES = List.of(AgentStatus.ONLINE, AgentStatus.OFFLINE,
            AgentStatus.LUNCH);

    /** Step kinds, repeated to weight them: calls arrive and get answered more often than phones unregister. */
    private static final int[] KINDS = {0, 0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 6, 7, 7, 8, 9, 10};

    /** 400 scenarios of 1 to 120 steps each (the property's case count is part of its strength: keep it). */
    private static final int CASES = 400;
    private static final int MAX_STEPS = 120;

    @Test
    void theRouterNeverLeavesAnyoneStuck() {
        PropertyCheck.check("theRouterNeverLeavesAnyoneStuck", CASES, 200,
                RouterGenerators.scenarios(KINDS.length, MAX_STEPS), RouterInvariantsProperties::neverStuck);
    }

    private static void neverStuck(Scenario scenario) {
        World world = new World(scenario.queueTypes(), scenario.layoutSeed());
        for (Step step : scenario.steps()) {
            world.play(step);
            world.checkInvariants();
        }
    }

    /** The telephony side and agent facts as a gateway and agent-service would see them. */
    private static final class World {
        final TenantRouter router = new TenantRouter(TENANT);
        Instant now = Instant.parse("2026-11-26T09:00:00Z");
        final List<QueueConfigured> queues = new ArrayList<>();
        final Map<QueueId, Map<AgentId, List<DeviceId>>> members = new HashMap<>();
        final List<AgentId> agents = new ArrayList<>();
        final Map<AgentId, List<DeviceId>> devicesOf = new HashMap<>();
        final Map<DeviceId, AgentId> ownerOf = new HashMap<>();
        final Map<AgentId, AgentStatus> status = new HashMap<>();
        final Map<AgentId, Set<QueueId>> loggedIn = new HashMap<>();
        final Set<DeviceId> inactive = new HashSet<>();
        final Set<DeviceId> registered = new HashSet<>();
        final Map<AgentId, CallId> onCall = new HashMap<>();
        final Map<AgentId, Instant> wrapUntil = new HashMap<>();
        final LinkedHashMap<CallId, QueueId> waiting = new LinkedHashMap<>();
        final Map<CallId, QueueId> queueOfCall = new HashMap<>();
        final Map<DeviceId, CallId> ringing = new HashMap<>();
        final List<OfferCall> offersThisStep = new ArrayList<>();
        int calls;

        World(List<QueueType> types, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            UnansweredAction[] actions = UnansweredAction.values();
            for (int q = 0; q < types.size(); q++) {
                UnansweredAction action = actions[random.nextInt(actions.length)];
                QueueConfigured config = new QueueConfigured(QueueId.of("800" + q, TENANT), "Q" + q, types.get(q),
                        random.nextInt(3) * 10, 20, 30 + random.nextInt(90), action,
                        action == UnansweredAction.FORWARD ? "1000" : null, "UTC", "1100");
                queues.add(config);
                members.put(config.queue(), new HashMap<>());
                feed(config);
            }
            for (int a = 0; a < AGENTS; a++) {
                AgentId agent = AgentId.of("100" + a, TENANT);
                agents.add(agent);
                status.put(agent, AgentStatus.OFFLINE);
                loggedIn.put(agent, new HashSet<>());
                List<DeviceId> devices = new ArrayList<>();
                for (int d = 0; d <= random.nextInt(2); d++) {
                    DeviceId device = DeviceId.of("100" + a + (char) ('a' + d), TENANT);
                    devices.add(device);
                    ownerOf.put(device, agent);
                }
                devicesOf.put(agent, devices);
                for (QueueConfigured queue : queues) {
                    if (random.nextInt(3) == 0) {
                        continue;
                    }
                    int priority = 1 + random.nextInt(3);
                    int tier = 1 + random.nextInt(2);
                    List<DeviceId> inQueue = new ArrayList<>();
                    for (DeviceId device : devices) {
                        if (inQueue.isEmpty() || random.nextBoolean()) {
                            inQueue.add(device);
                            feed(new QueueMemberAdded(queue.queue(), device, agent, priority, a, tier, "1100"));
                        }
                    }
                    members.get(queue.queue()).put(agent, inQueue);
                }
            }
            for (AgentId agent : agents) {
                for (DeviceId device : devicesOf.get(agent)) {
                    if (random.nextInt(5) > 0) {
                        registered.add(device);
                        feed(new DeviceRegistered(TENANT, device, agent, "sip:x", now.plusSeconds(3600)));
                    }
                }
                for (QueueId queue : members.keySet()) {
                    if (members.get(queue).containsKey(agent) && random.nextInt(5) > 0) {
                        loggedIn.get(agent).add(queue);
                        feed(new QueueLoginChanged(agent, queue, true, ChangeSource.PORTAL, "x"));
                    }
                }
                if (random.nextInt(5) > 0) {
                    status.put(agent, AgentStatus.ONLINE);
                    feed(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL,
                            "x"));
                }
            }
        }

        void play(Step step) {
            offersThisStep.clear();
            AgentId agent = agents.get(step.a() % AGENTS);
            QueueConfigured queue = queues.get(step.a() % queues.size());
            switch (KINDS[step.kind()]) {
                case 0 -> {
                    CallId call = CallId.of("call-" + calls++);
                    waiting.put(call, queue.queue());
                    queueOfCall.put(call, queue.queue());
                    feed(new CallArrived(TENANT, call, "+1555" + calls, null, queue.queue().extension(),
                            queue.queue(), null, CallOrigin.EXTERNAL));
                }
                case 1 -> pickFrom(List.copyOf(waiting.keySet()), step.b()).ifPresent(call -> {
                    waiting.remove(call);
                    feed(new CallAbandoned(TENANT, call, queueOfCall.get(call)));
                });
                case 2 -> pickFrom(List.copyOf(ringing.keySet()), step.b()).ifPresent(device -> {
                    CallId call = ringing.remove(device);
                    AgentId owner = ownerOf.get(device);
                    waiting.remove(call);
                    onCall.put(owner, call);
                    // the gateway stops the call's other phones itself when one answers (no CancelOffer for them)
                    ringing.values().removeIf(call::equals);
                    feed(new CallAnswered(TENANT, call, device, owner, queueOfCall.get(call)));
                });
                case 3 -> pickFrom(List.copyOf(ringing.keySet()), step.b()).ifPresent(device -> {
                    CallId call = ringing.remove(device);
                    feed(new OfferNotAnswered(TENANT, call, device, ownerOf.get(device), queueOfCall.get(call),
                            NoAnswerReason.TIMEOUT));
                });
                case 4 -> {
                    AgentStatus to = STATUSES.get(step.b() % STATUSES.size());
                    feed(new AgentStatusChanged(agent, status.put(agent, to), to, ChangeSource.PORTAL, "x"));
                }
                case 5 -> {
                    boolean in = !loggedIn.get(agent).remove(queue.queue());
                    if (in) {
                        loggedIn.get(agent).add(queue.queue());
                    }
                    feed(new QueueLoginChanged(agent, queue.queue(), in, ChangeSource.PORTAL, "x"));
                }
                case 6 -> {
                    now = now.plusSeconds(1 + step.b() % 30);
                    handle(router.tick(now));
                }
                case 7 -> {
                    CallId call = onCall.remove(agent);
                    if (call != null) {
                        QueueConfigured of = config(queueOfCall.get(call));
                        if (of.wrapUpSeconds() > 0) {
                            wrapUntil.put(agent, now.plusSeconds(of.wrapUpSeconds()));
                        }
                        feed(new CallEnded(TENANT, call, EndCause.AGENT_HANGUP));
                    }
                }
                case 8 -> {
                    DeviceId device = deviceOf(agent, step.b());
                    if (registered.remove(device)) {
                        feed(new DeviceUnregistered(TENANT, device, agent, "expired"));
                    } else {
                        registered.add(device);
                        feed(new DeviceRegistered(TENANT, device, agent, "sip:x", now.plusSeconds(3600)));
                    }
                }
                case 9 -> {
                    DeviceId device = deviceOf(agent, step.b());
                    if (inactive.remove(device)) {
                        feed(new DeviceActivated(agent, device, "x"));
                    } else {
                        inactive.add(device);
                        feed(new DeviceDeactivated(agent, device, "x"));
                    }
                }
                default -> pickFrom(List.copyOf(waiting.keySet()), step.b()).ifPresent(call -> {
                    QueueId in = waiting.get(call);
                    List<DeviceId> devices = members.get(in).getOrDefault(agent, List.of());
                    if (!devices.isEmpty()) {
                        feed(new CallerPicked(in, call, agent, devices.get(step.b() % devices.size()), "x"));
                    }
                });
            }
        }

        private DeviceId deviceOf(AgentId agent, int index) {
            List<DeviceId> devices = devicesOf.get(agent);
            return devices.get(index % devices.size());
        }

        private static <T> java.util.Optional<T> pickFrom(List<T> options, int index) {
            return options.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(options.get(index % options.size()));
        }

        private void feed(Event event) {
            handle(router.on(event, now));
        }

        private void handle(List<Event> published) {
            for (Event event : published) {
                if (event instanceof OfferCall offer) {
                    for (OfferTarget target : offer.targets()) {
                        assertThat(eligible(target.agent(), offer.queue()))
                                .as("offer of %s to %s: the agent is available", offer.call(), target.agent()).isTrue();
                        assertThat(ringingCallOf(target.agent()))
                                .as("%s is not already ringing for another call", target.agent()).isNull();
                        assertThat(members.get(offer.queue()).get(target.agent())).contains(target.device());
                    }
                    offer.targets().forEach(target -> ringing.put(target.device(), offer.call()));
                    offersThisStep.add(offer);
                } else if (event instanceof CancelOffer cancel) {
                    cancel.devices().forEach(device -> ringing.remove(device, cancel.call()));
                } else if (event instanceof ApplyUnansweredAction action) {
                    assertThat(waiting.remove(action.call())).as("the unanswered action is for a waiting caller")
                            .isNotNull();
                }
            }
        }

        void checkInvariants() {
            for (Map.Entry<DeviceId, CallId> ring : ringing.entrySet()) {
                assertThat(waiting).as("no offer outlives its caller: %s rings for %s", ring.getKey(), ring.getValue())
                        .containsKey(ring.getValue());
            }
            for (AgentId agent : agents) {
                assertThat(ringing.entrySet().stream().filter(e -> ownerOf.get(e.getKey()).equals(agent))
                        .map(Map.Entry::getValue).distinct().count())
                        .as("%s rings for at most one call", agent).isLessThanOrEqualTo(1);
            }
            for (Map.Entry<CallId, QueueId> caller : waiting.entrySet()) {
                QueueConfigured queue = config(caller.getValue());
                if (queue.type() == QueueType.CALL_PARK || ringing.containsValue(caller.getKey())) {
                    continue;
                }
                for (AgentId agent : members.get(queue.queue()).keySet()) {
                    assertThat(eligible(agent, queue.queue()) && ringingCallOf(agent) == null)
                            .as("%s waits in %s while %s is free", caller.getKey(), queue.queue(), agent).isFalse();
                }
            }
            for (OfferCall offer : offersThisStep) {
                if (config(offer.queue()).type() == QueueType.CALL_PARK) {
                    continue;
                }
                for (Map.Entry<CallId, QueueId> older : waiting.entrySet()) {
                    if (older.getKey().equals(offer.call())) {
                        break;
                    }
                    if (older.getValue().equals(offer.queue())) {
                        assertThat(ringing).as("FIFO: %s waited longer in %s than %s", older.getKey(),
                                offer.queue(), offer.call()).containsValue(older.getKey());
                    }
                }
            }
        }

        private boolean eligible(AgentId agent, QueueId queue) {
            Instant wrap = wrapUntil.get(agent);
            return status.get(agent).takesQueueCalls()
                    && loggedIn.get(agent).contains(queue)
                    && !onCall.containsKey(agent)
                    && (wrap == null || !now.isBefore(wrap))
                    && members.get(queue).getOrDefault(agent, List.of()).stream()
                    .anyMatch(device -> !inactive.contains(device) && registered.contains(device));
        }

        private CallId ringingCallOf(AgentId agent) {
            return ringing.entrySet().stream().filter(e -> ownerOf.get(e.getKey()).equals(agent))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }

        private QueueConfigured config(QueueId queue) {
            return queues.stream().filter(q -> q.queue().equals(queue)).findFirst().orElseThrow();
        }
    }
}
