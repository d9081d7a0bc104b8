package io.ccagent.stats;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
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
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A random stretch of call-center traffic for one tenant, kept twice: as the plain facts below (from which
 * {@link GroundTruth} computes every expected figure) and as the envelopes the platform would publish, in a
 * realistic but imperfect order: some calls' events shuffled, some calls published late, some records sent twice.
 */
final class CallDay {

    enum Kind { QUEUE, DIRECT, OUTBOUND }

    record Agent(AgentId id, DeviceId device, String zone) {
    }

    record Queue(QueueId id, String name, String zone, List<AgentId> members) {
    }

    record Missed(AgentId agent, Instant at, QueueId queue) {
    }

    /** One call; nullable instants for what did not happen. {@code agent}: who answered, was called, or placed it. */
    record Call(String id, Kind kind, QueueId queue, AgentId agent, String number, String name, CallOrigin origin,
                Instant start, Instant answered, Instant ended, Instant abandoned, List<Missed> missed,
                Instant wrapStart, Instant wrapEnd) {
    }

    record StatusChange(AgentId agent, Instant at, AgentStatus from, AgentStatus to) {
    }

    record LoginChange(AgentId agent, QueueId queue, Instant at, boolean loggedIn) {
    }

    record Availability(QueueId queue, AgentId agent, Instant at, UnavailableReason reason) {
    }

    private static final String[] ZONES = {"America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC", "Asia/Kathmandu"};

    final Tenant tenant;
    final Instant now;
    final List<Agent> agents = new ArrayList<>();
    final List<Queue> queues = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();
    final List<StatusChange> statusChanges = new ArrayList<>();
    final List<LoginChange> loginChanges = new ArrayList<>();
    final List<Availability> availability = new ArrayList<>();
    /** (queue, agent) pairs taken off a queue after being added. */
    final List<Availability> removedMembers = new ArrayList<>();
    /** Everything to publish, in publishing order (duplicates included). */
    final List<Envelope> envelopes = new ArrayList<>();

    private final Random random;

    private CallDay(Tenant tenant, Instant now, Random random) {
        this.tenant = tenant;
        this.now = now;
        this.random = random;
    }

    /** {@code callCount} calls between {@code from} and {@code now}, with agents, queues, statuses and logins. */
    static CallDay generate(long seed, Tenant tenant, int callCount, int agentCount, Instant from, Instant now) {
        CallDay day = new CallDay(tenant, now, new Random(seed));
        day.build(callCount, agentCount, from);
        return day;
    }

    private void build(int callCount, int agentCount, Instant from) {
        List<Envelope> setup = new ArrayList<>();
        Instant provisioned = from.minus(Duration.ofDays(3));
        for (int i = 0; i < agentCount; i++) {
            AgentId id = AgentId.of(String.valueOf(2000 + i), tenant);
            DeviceId device = DeviceId.of((2000 + i) + "a", tenant);
            Agent agent = new Agent(id, device, ZONES[random.nextInt(ZONES.length)]);
            agents.add(agent);
            setup.add(envelope(new AgentProvisioned(id, "Agent " + i, null, List.of(device), agent.zone()), provisioned));
        }
        for (int i = 0; i < 6; i++) {
            QueueId id = QueueId.of(String.valueOf(8100 + i), tenant);
            List<AgentId> members = new ArrayList<>();
            for (Agent agent : agents) {
                if (random.nextInt(3) == 0 || members.isEmpty() && agent == agents.get(agents.size() - 1)) {
                    members.add(agent.id());
                }
            }
            Queue queue = new Queue(id, "Queue " + (char) ('A' + i), ZONES[random.nextInt(ZONES.length)], members);
            queues.add(queue);
            setup.add(envelope(new QueueConfigured(id, "Old name " + i, QueueType.ROUND_ROBIN, 30, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "seed"), provisioned));
            setup.add(envelope(new QueueConfigured(id, queue.name(), QueueType.ROUND_ROBIN, 30, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, queue.zone(), "seed"), provisioned.plusSeconds(60)));
            for (AgentId member : members) {
                setup.add(envelope(new QueueMemberAdded(id, device(member), member, 1, 1, 1, "seed"), provisioned));
            }
        }
        Queue first = queues.get(0);
        if (first.members().size() > 1) {
            AgentId removed = first.members().remove(first.members().size() - 1);
            removedMembers.add(new Availability(first.id(), removed, provisioned.plusSeconds(120), UnavailableReason.NONE));
            setup.add(envelope(new QueueMemberRemoved(first.id(), device(removed), removed, "seed"),
                    provisioned.plusSeconds(120)));
        }
        envelopes.addAll(setup);

        List<Envelope> agentTimeline = new ArrayList<>();
        statusesAndLogins(from, agentTimeline);

        List<List<Envelope>> perCall = new ArrayList<>();
        long span = Duration.between(from, now.minus(Duration.ofMinutes(20))).toMillis();
        for (int i = 0; i < callCount; i++) {
            Instant start = from.plusMillis((long) (random.nextDouble() * span));
            perCall.add(call("call-" + i + "." + Long.toHexString(random.nextLong()), start, agentTimeline));
        }
        for (int i = 0; i < Math.max(3, callCount / 200); i++) {
            Instant start = now.minusMillis(60_000 + (long) (random.nextDouble() * 14 * 60_000));
            perCall.add(unfinished("open-" + i, start));
        }
        perCall.sort(Comparator.comparing(events -> events.get(0).time()));
        List<Envelope> late = new ArrayList<>();
        for (List<Envelope> events : perCall) {
            List<Envelope> ordered = new ArrayList<>(events);
            if (random.nextInt(10) == 0) {
                Collections.shuffle(ordered, random);
            }
            (random.nextInt(30) == 0 ? late : envelopes).addAll(ordered);
        }
        agentTimeline.sort(Comparator.comparing(Envelope::time));
        envelopes.addAll(agentTimeline);
        envelopes.addAll(late);
        List<Envelope> repeats = new ArrayList<>();
        for (Envelope envelope : envelopes) {
            if (random.nextInt(50) == 0) {
                repeats.add(envelope);
            }
        }
        envelopes.addAll(repeats);
    }

    private void statusesAndLogins(Instant from, List<Envelope> out) {
        AgentStatus[] statuses = AgentStatus.values();
        long span = Duration.between(from.minus(Duration.ofDays(2)), now).toMillis();
        for (Agent agent : agents) {
            List<Instant> times = randomTimes(8 + random.nextInt(8), from.minus(Duration.ofDays(2)), span);
            AgentStatus current = AgentStatus.OFFLINE;
            for (Instant at : times) {
                AgentStatus next = statuses[random.nextInt(statuses.length)];
                if (next == current) {
                    continue;
                }
                statusChanges.add(new StatusChange(agent.id(), at, current, next));
                out.add(envelope(new AgentStatusChanged(agent.id(), current, next, ChangeSource.PORTAL, "gen"), at));
                current = next;
            }
            for (Queue queue : queues) {
                if (!queue.members().contains(agent.id())) {
                    continue;
                }
                boolean loggedIn = false;
                for (Instant at : randomTimes(2 + random.nextInt(6), from.minus(Duration.ofDays(2)), span)) {
                    loggedIn = !loggedIn;
                    loginChanges.add(new LoginChange(agent.id(), queue.id(), at, loggedIn));
                    out.add(envelope(new QueueLoginChanged(agent.id(), queue.id(), loggedIn, ChangeSource.PORTAL, "gen"), at));
                }
                for (Instant at : randomTimes(1 + random.nextInt(3), from, Duration.between(from, now).toMillis())) {
                    UnavailableReason reason = UnavailableReason.values()[random.nextInt(UnavailableReason.values().length)];
                    availability.add(new Availability(queue.id(), agent.id(), at, reason));
                    out.add(envelope(new AgentAvailabilityChanged(agent.id(), List.of(
                            new AgentAvailabilityChanged.QueueAvailability(queue.id(), reason == UnavailableReason.NONE,
                                    reason, null))), at));
                }
            }
        }
    }

    private List<Envelope> call(String id, Instant start, List<Envelope> agentEvents) {
        int roll = random.nextInt(100);
        return roll < 70 ? queueCall(id, start, agentEvents) : roll < 85 ? directCall(id, start) : outbound(id, start);
    }

    private List<Envelope> queueCall(String id, Instant start, List<Envelope> agentEvents) {
        Queue queue = queues.get(random.nextInt(queues.size()));
        CallId call = CallId.of(id);
        String number = "+1555" + (1000000 + random.nextInt(9000000));
        String name = random.nextBoolean() ? "Caller " + random.nextInt(1000) : null;
        List<Envelope> events = new ArrayList<>();
        events.add(envelope(new CallArrived(tenant, call, number, name, queue.id().extension(), queue.id(), null,
                random.nextInt(5) == 0 ? CallOrigin.INTERNAL : CallOrigin.EXTERNAL), start));
        Instant at = start.plusMillis(random.nextInt(3000));
        List<Missed> missed = new ArrayList<>();
        int misses = random.nextInt(3);
        for (int i = 0; i < misses; i++) {
            AgentId agent = queue.members().get(random.nextInt(queue.members().size()));
            events.add(envelope(new CallRinging(tenant, call, device(agent), agent, queue.id()), at));
            at = at.plusMillis(1000 + random.nextInt(20_000));
            events.add(envelope(new OfferNotAnswered(tenant, call, device(agent), agent, queue.id(), NoAnswerReason.TIMEOUT), at));
            missed.add(new Missed(agent, at, queue.id()));
        }
        int outcome = random.nextInt(100);
        if (outcome < 78) {
            AgentId agent = queue.members().get(random.nextInt(queue.members().size()));
            events.add(envelope(new CallRinging(tenant, call, device(agent), agent, queue.id()), at));
            Instant answered = at.plusMillis(random.nextInt(40_000));
            Instant ended = answered.plusMillis(5_000 + random.nextInt(900_000));
            Instant wrapEnd = ended.plusMillis(random.nextInt(60_000));
            events.add(envelope(new CallAnswered(tenant, call, device(agent), agent, queue.id()), answered));
            events.add(envelope(new CallEnded(tenant, call, random.nextBoolean() ? EndCause.CALLER_HANGUP : EndCause.AGENT_HANGUP), ended));
            agentEvents.add(envelope(new AgentCallStarted(agent, call, queue.id(), device(agent)), answered));
            agentEvents.add(envelope(new AgentCallEnded(agent, call, queue.id()), ended));
            agentEvents.add(envelope(new WrapUpStarted(agent, call, queue.id(), wrapEnd), ended));
            agentEvents.add(envelope(new WrapUpEnded(agent, call), wrapEnd));
            calls.add(new Call(id, Kind.QUEUE, queue.id(), agent, number, name, null, start, answered, ended, null,
                    missed, ended, wrapEnd));
        } else if (outcome < 94) {
            Instant abandoned = at.plusMillis(random.nextInt(90_000));
            events.add(envelope(new CallAbandoned(tenant, call, queue.id()), abandoned));
            calls.add(new Call(id, Kind.QUEUE, queue.id(), null, number, name, null, start, null, null, abandoned,
                    missed, null, null));
        } else {
            Instant forwarded = at.plusMillis(random.nextInt(300_000));
            events.add(envelope(new CallEnded(tenant, call, EndCause.FORWARDED), forwarded));
            calls.add(new Call(id, Kind.QUEUE, queue.id(), null, number, name, null, start, null, forwarded, null,
                    missed, null, null));
        }
        return events;
    }

    private List<Envelope> directCall(String id, Instant start) {
        Agent agent = agents.get(random.nextInt(agents.size()));
        CallId call = CallId.of(id);
        CallOrigin origin = random.nextBoolean() ? CallOrigin.INTERNAL : CallOrigin.EXTERNAL;
        String number = origin == CallOrigin.INTERNAL ? String.valueOf(2000 + random.nextInt(agents.size()))
                : "+1666" + (1000000 + random.nextInt(9000000));
        String name = random.nextBoolean() ? "Direct " + random.nextInt(100) : null;
        List<Envelope> events = new ArrayList<>();
        events.add(envelope(new CallArrived(tenant, call, number, name, agent.id().extension(), null, agent.id(), origin), start));
        events.add(envelope(new CallRinging(tenant, call, agent.device(), agent.id(), null), start.plusMillis(200)));
        if (random.nextInt(10) < 7) {
            Instant answered = start.plusMillis(1000 + random.nextInt(15_000));
            Instant ended = answered.plusMillis(random.nextInt(600_000));
            events.add(envelope(new CallAnswered(tenant, call, agent.device(), agent.id(), null), answered));
            events.add(envelope(new CallEnded(tenant, call, EndCause.CALLER_HANGUP), ended));
            calls.add(new Call(id, Kind.DIRECT, null, agent.id(), number, name, origin, start, answered, ended, null,
                    List.of(), null, null));
        } else {
            Instant ended = start.plusMillis(5000 + random.nextInt(25_000));
            events.add(envelope(new OfferNotAnswered(tenant, call, agent.device(), agent.id(), null, NoAnswerReason.TIMEOUT), ended));
            events.add(envelope(new CallEnded(tenant, call, EndCause.CALLER_HANGUP), ended));
            calls.add(new Call(id, Kind.DIRECT, null, agent.id(), number, name, origin, start, null, ended, null,
                    List.of(), null, null));
        }
        return events;
    }

    private List<Envelope> outbound(String id, Instant start) {
        Agent agent = agents.get(random.nextInt(agents.size()));
        CallId call = CallId.of(id);
        String number = "+1777" + (1000000 + random.nextInt(9000000));
        String name = random.nextBoolean() ? "Customer " + random.nextInt(100) : null;
        List<Envelope> events = new ArrayList<>();
        events.add(envelope(new OutboundPlaced(tenant, call, agent.device(), agent.id(), number, name), start));
        if (random.nextInt(10) < 8) {
            Instant answered = start.plusMillis(2000 + random.nextInt(20_000));
            Instant ended = answered.plusMillis(random.nextInt(900_000));
            events.add(envelope(new CallAnswered(tenant, call, agent.device(), agent.id(), null), answered));
            events.add(envelope(new CallEnded(tenant, call, EndCause.AGENT_HANGUP), ended));
            calls.add(new Call(id, Kind.OUTBOUND, null, agent.id(), number, name, null, start, answered, ended, null,
                    List.of(), null, null));
        } else {
            Instant ended = start.plusMillis(5000 + random.nextInt(25_000));
            events.add(envelope(new CallEnded(tenant, call, EndCause.FAILED), ended));
            calls.add(new Call(id, Kind.OUTBOUND, null, agent.id(), number, name, null, start, null, ended, null,
                    List.of(), null, null));
        }
        return events;
    }

    /** A caller still waiting in a queue, or a call still being talked, at {@code now}. */
    private List<Envelope> unfinished(String id, Instant start) {
        Queue queue = queues.get(random.nextInt(queues.size()));
        CallId call = CallId.of(id);
        List<Envelope> events = new ArrayList<>();
        events.add(envelope(new CallArrived(tenant, call, "+15550000000", null, queue.id().extension(), queue.id(),
                null, CallOrigin.EXTERNAL), start));
        if (random.nextBoolean()) {
            AgentId agent = queue.members().get(random.nextInt(queue.members().size()));
            Instant answered = start.plusMillis(random.nextInt(30_000));
            events.add(envelope(new CallAnswered(tenant, call, device(agent), agent, queue.id()), answered));
            calls.add(new Call(id, Kind.QUEUE, queue.id(), agent, "+15550000000", null, null, start, answered, null,
                    null, List.of(), null, null));
        } else {
            calls.add(new Call(id, Kind.QUEUE, queue.id(), null, "+15550000000", null, null, start, null, null, null,
                    List.of(), null, null));
        }
        return events;
    }

    private List<Instant> randomTimes(int count, Instant from, long spanMillis) {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(from.plusMillis((long) (random.nextDouble() * spanMillis)));
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    private DeviceId device(AgentId agent) {
        return DeviceId.of(agent.extension() + "a", tenant);
    }

    private Envelope envelope(Event event, Instant time) {
        return Envelope.of(new UUID(random.nextLong(), random.nextLong()), time, null, event);
    }
}
