package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.DeviceActivated;
import io.ccagent.contracts.agent.DeviceDeactivated;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.SingleCallCompleted;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routing decision core of one tenant: {@code (state, event) -> (state, commands)}. It does no I/O and reads
 * no clock: every input carries its instant, and time passing arrives as {@link #tick(Instant)}. The state is
 * updated in place (this object) for speed; the returned list holds the routing commands for the gateway and the
 * queue facts (callers waiting/left, availability changes) for everyone else. Not thread-safe: one caller at a time.
 *
 * <p>After every input it (1) cancels offers of agents who can no longer take them, (2) matches waiting callers
 * with free agents until nothing changes, oldest caller first, an agent going to the caller of its
 * highest-priority queue (ties: the longest-waiting caller), and (3) reports every (agent, queue) whose
 * availability changed.
 */
final class TenantRouter {

    /** How many departed callers and ended calls the router remembers (oldest forgotten first). */
    private static final int CALLS_REMEMBERED = 50_000;

    private final Tenant tenant;
    private final Map<AgentId, AgentState> agents = new HashMap<>();
    private final Map<QueueId, QueueState> queues = new HashMap<>();
    private final Map<CallId, WaitingCaller> callers = new HashMap<>();
    private final Map<CallId, AgentState> talking = new HashMap<>();
    private final Set<DeviceId> registered = new HashSet<>();
    /**
     * One instance of each device id. The router keeps the agents', queues' and devices' own id instances in its
     * sets and maps, so the checks that run for every member of every queue a fact touches (is the agent logged in
     * there, is its phone registered) find them by identity instead of comparing strings: the equals of the ids was
     * a third of the routing thread's samples in a takeover's replay.
     */
    private final Map<DeviceId, DeviceId> deviceIds = new HashMap<>();
    private final Set<AgentState> ringingAgents = new LinkedHashSet<>();
    private final Set<AgentState> wrappingUp = new LinkedHashSet<>();
    private final Map<AgentId, Map<QueueId, Availability>> published = new HashMap<>();
    /** Calls that already left a queue, so a redelivered arrival cannot bring a caller back. Bounded, oldest out. */
    private final Set<CallId> departed = new LinkedHashSet<>();
    /**
     * Calls that ended. agent-service reports an agent's call start from the same call facts the router reads, but
     * later (it lags under load): its start of a call that already ended must not put the agent back on it, or the
     * agent would stay on a finished call, red in every queue, until agent-service reports that end too.
     */
    private final Set<CallId> ended = new LinkedHashSet<>();
    private long arrivals;

    private final List<Event> out = new ArrayList<>();
    private final Set<AgentState> touched = new LinkedHashSet<>();
    /** Callers answered in this step, by the agent who took each: their CallerLeft carries that agent's change. */
    private final Map<AgentState, WaitingCaller> answered = new LinkedHashMap<>();
    private final Set<QueueState> scope = new LinkedHashSet<>();
    /** In a dispatch pass: a caller was passed over by an agent who would rather take another queue's caller. */
    private boolean deferred;

    TenantRouter(Tenant tenant) {
        this.tenant = tenant;
    }

    Tenant tenant() {
        return tenant;
    }

    /** Applies one fact that happened at {@code at}; returns what to publish because of it. */
    List<Event> on(Event event, Instant at) {
        if (!tenant.equals(event.tenant())) {
            throw new IllegalArgumentException("event of tenant " + event.tenant() + " given to router of " + tenant);
        }
        applyAgentEvent(event);
        applyCallEvent(event, at);
        applyQueueEvent(event, at);
        return finish(at);
    }

    /** Time passed: ring timeouts of agents and queues, and wrap-ups that are over. */
    List<Event> tick(Instant now) {
        for (AgentState agent : List.copyOf(ringingAgents)) {
            if (agent.ringing != null && !now.isBefore(agent.ringing.deadline)) {
                Offer offer = agent.ringing;
                out.add(new CancelOffer(tenant, offer.caller.call, List.copyOf(offer.devices), CancelOffer.AGENT_RING_TIMEOUT));
                endUnanswered(offer);
            }
        }
        for (WaitingCaller caller : List.copyOf(callers.values())) {
            QueueConfigured config = caller.queue.config;
            if (config.unansweredAction() != UnansweredAction.STAY_IN_QUEUE
                    && !now.isBefore(caller.since.plusSeconds(config.queueRingTimeoutSeconds()))) {
                cancelRinging(caller, "queue ring timeout");
                out.add(new ApplyUnansweredAction(tenant, caller.call, caller.queue.id, config.unansweredAction(),
                        config.unansweredTarget()));
                leave(caller, CallerLeftReason.UNANSWERED_ACTION);
            }
        }
        for (AgentState agent : List.copyOf(wrappingUp)) {
            if (!agent.inWrapUp(now)) {
                clearWrapUp(agent);
            }
        }
        return finish(now);
    }

    /** Re-examines every queue and agent, e.g. after the state was rebuilt from the log with output muted. */
    List<Event> reconcile(Instant now) {
        for (AgentState agent : agents.values()) {
            touch(agent);
        }
        scope.addAll(queues.values());
        return finish(now);
    }

    /** Green or red of one agent in one queue right now, for tests and diagnostics. */
    Availability availability(AgentId agent, QueueId queue, Instant now) {
        AgentState state = agents.get(agent);
        QueueState queueState = queues.get(queue);
        if (state == null || queueState == null) {
            return Availability.red(UnavailableReason.NO_ACTIVE_DEVICE);
        }
        return availability(state, queueState, now, false);
    }

    /** Adds this tenant's callers waiting per queue and its open offers to the gauges' figures. */
    void measure(RoutingLoad load) {
        for (QueueState queue : queues.values()) {
            Instant oldest = queue.waiting.isEmpty() ? null : queue.waiting.values().iterator().next().since;
            load.queue(queue.id, queue.waiting.size(), oldest);
        }
        for (AgentState agent : ringingAgents) {
            load.offer(agent.ringing.offered);
        }
    }

    /** The call an agent's phones ring for, if any. */
    Optional<CallId> ringingFor(AgentId agent) {
        AgentState state = agents.get(agent);
        return state == null || state.ringing == null ? Optional.empty() : Optional.of(state.ringing.caller.call);
    }

    /** Callers of a queue in arrival order. */
    List<CallId> waiting(QueueId queue) {
        QueueState state = queues.get(queue);
        return state == null ? List.of() : List.copyOf(state.waiting.keySet());
    }

    /** The whole state as plain values, for the per-partition snapshot. */
    TenantSnapshot snapshot() {
        List<TenantSnapshot.Agent> agentValues = new ArrayList<>(agents.size());
        for (AgentState agent : agents.values()) {
            agentValues.add(new TenantSnapshot.Agent(agent.id, agent.status, agent.singleCallUsed,
                    List.copyOf(agent.loggedIn), List.copyOf(agent.inactiveDevices),
                    List.copyOf(agent.memberships.keySet()), agent.onCall, agent.onCallQueue, agent.wrapUpUntil,
                    agent.wrapUpCall, agent.idleSince, agent.answeredDay, agent.answeredThatDay,
                    published.getOrDefault(agent.id, Map.of()).entrySet().stream()
                            .map(shown -> new TenantSnapshot.Shown(shown.getKey(), shown.getValue())).toList()));
        }
        List<TenantSnapshot.Queue> queueValues = new ArrayList<>(queues.size());
        for (QueueState queue : queues.values()) {
            queueValues.add(new TenantSnapshot.Queue(queue.id, queue.config, List.copyOf(queue.members.values()),
                    List.copyOf(queue.memberships.keySet())));
        }
        List<TenantSnapshot.Caller> callerValues = new ArrayList<>(callers.size());
        for (WaitingCaller caller : callers.values()) {
            List<TenantSnapshot.Ringing> ringing = new ArrayList<>();
            for (Offer offer : caller.ringing.values()) {
                ringing.add(new TenantSnapshot.Ringing(offer.agent.id, List.copyOf(offer.devices), offer.offered,
                        offer.deadline));
            }
            callerValues.add(new TenantSnapshot.Caller(caller.call, caller.queue.id, caller.number, caller.name,
                    caller.since, caller.sequence, List.copyOf(caller.tried), caller.ringingTier, ringing));
        }
        List<TenantSnapshot.Talk> talk = talking.entrySet().stream()
                .map(entry -> new TenantSnapshot.Talk(entry.getKey(), entry.getValue().id)).toList();
        return new TenantSnapshot(tenant, arrivals, agentValues, queueValues, callerValues, talk,
                List.copyOf(registered),
                List.copyOf(departed), ringingAgents.stream().map(agent -> agent.id).toList(),
                wrappingUp.stream().map(agent -> agent.id).toList(), List.copyOf(ended));
    }

    /** A router in exactly the state the snapshot was taken in. */
    static TenantRouter restore(TenantSnapshot snapshot) {
        TenantRouter router = new TenantRouter(snapshot.tenant());
        router.arrivals = snapshot.arrivals();
        for (TenantSnapshot.Agent value : snapshot.agents()) {
            AgentState agent = router.agent(value.id());
            agent.status = value.status();
            agent.singleCallUsed = value.singleCallUsed();
            value.inactiveDevices().forEach(device -> agent.inactiveDevices.add(router.device(device)));
            agent.onCall = value.onCall();
            agent.onCallQueue = value.onCallQueue();
            agent.wrapUpUntil = value.wrapUpUntil();
            agent.wrapUpCall = value.wrapUpCall();
            agent.idleSince = value.idleSince();
            agent.answeredDay = value.answeredDay();
            agent.answeredThatDay = value.answeredThatDay();
            if (!value.published().isEmpty()) {
                Map<QueueId, Availability> shown = new HashMap<>();
                value.published().forEach(entry -> shown.put(entry.queue(), entry.availability()));
                router.published.put(agent.id, shown);
            }
        }
        for (TenantSnapshot.Queue value : snapshot.queues()) {
            QueueState queue = router.queue(value.id());
            queue.config = value.config();
            Map<AgentId, List<QueueState.Member>> byAgent = new HashMap<>();
            for (QueueState.Member stored : value.members()) {
                QueueState.Member member = router.member(stored.device(), stored.agent(), stored.priority(),
                        stored.order(), stored.tier());
                queue.members.put(member.device(), member);
                byAgent.computeIfAbsent(member.agent(), agent -> new ArrayList<>()).add(member);
            }
            for (AgentId stored : value.memberOrder()) {
                AgentId agent = router.agent(stored).id;
                queue.memberships.put(agent, Membership.of(agent, queue.id, byAgent.get(agent)));
            }
        }
        for (TenantSnapshot.Agent value : snapshot.agents()) {
            AgentState agent = router.agents.get(value.id());
            value.loggedIn().forEach(queue -> agent.loggedIn.add(router.queueId(queue)));
            for (QueueId queue : value.queueOrder()) {
                QueueState state = router.queues.get(queue);
                agent.memberships.put(state.id, state.memberships.get(agent.id));
            }
        }
        snapshot.callers().stream().sorted(Comparator.comparingLong(TenantSnapshot.Caller::sequence)).forEach(value -> {
            QueueState queue = router.queues.get(value.queue());
            WaitingCaller caller = new WaitingCaller(value.call(), queue, value.number(), value.name(), value.since(),
                    value.sequence());
            caller.tried.addAll(value.tried());
            caller.ringingTier = value.ringingTier();
            for (TenantSnapshot.Ringing ringing : value.ringing()) {
                AgentState agent = router.agents.get(ringing.agent());
                Offer offer = new Offer(caller, agent, new LinkedHashSet<>(ringing.devices()), ringing.offered(),
                        ringing.deadline());
                caller.ringing.put(agent.id, offer);
                agent.ringing = offer;
            }
            queue.waiting.put(caller.call, caller);
            router.callers.put(caller.call, caller);
        });
        snapshot.talking().forEach(talk -> router.talking.put(talk.call(), router.agents.get(talk.agent())));
        snapshot.registered().forEach(device -> router.registered.add(router.device(device)));
        router.departed.addAll(snapshot.departed());
        router.ended.addAll(snapshot.ended());
        snapshot.ringingOrder().forEach(agent -> router.ringingAgents.add(router.agents.get(agent)));
        snapshot.wrapUpOrder().forEach(agent -> router.wrappingUp.add(router.agents.get(agent)));
        return router;
    }

    private void applyAgentEvent(Event event) {
        if (event instanceof AgentStatusChanged e) {
            AgentState agent = agent(e.agent());
            agent.status = e.to();
            if (e.to() == AgentStatus.SINGLE_CALL) {
                agent.singleCallUsed = false;
            }
            touch(agent);
        } else if (event instanceof QueueLoginChanged e) {
            AgentState agent = agent(e.agent());
            if (e.loggedIn()) {
                agent.loggedIn.add(queueId(e.queue()));
            } else {
                agent.loggedIn.remove(e.queue());
            }
            touch(agent);
        } else if (event instanceof DeviceActivated e) {
            AgentState agent = agent(e.agent());
            agent.inactiveDevices.remove(e.device());
            touch(agent);
        } else if (event instanceof DeviceDeactivated e) {
            AgentState agent = agent(e.agent());
            agent.inactiveDevices.add(device(e.device()));
            touch(agent);
        } else if (event instanceof AgentCallStarted e) {
            if (!ended.contains(e.call())) {
                startCall(agent(e.agent()), e.call(), e.queue());
            }
        } else if (event instanceof AgentCallEnded e) {
            remember(ended, e.call());
            endCall(agent(e.agent()), e.call(), null);
        } else if (event instanceof WrapUpStarted e) {
            AgentState agent = agent(e.agent());
            agent.wrapUpUntil = e.until();
            agent.wrapUpCall = e.call();
            wrappingUp.add(agent);
            touch(agent);
        } else if (event instanceof WrapUpEnded e) {
            AgentState agent = agent(e.agent());
            if (agent.wrapUpCall == null || agent.wrapUpCall.equals(e.call())) {
                clearWrapUp(agent);
            }
        } else if (event instanceof SingleCallCompleted e) {
            AgentState agent = agent(e.agent());
            agent.singleCallUsed = agent.status == AgentStatus.SINGLE_CALL;
            touch(agent);
        }
    }

    private void applyCallEvent(Event event, Instant at) {
        if (event instanceof DeviceRegistered e) {
            registered.add(device(e.device()));
            touch(agent(e.agent()));
        } else if (event instanceof DeviceUnregistered e) {
            registered.remove(e.device());
            touch(agent(e.agent()));
        } else if (event instanceof CallArrived e) {
            arrive(e, at);
        } else if (event instanceof CallAnswered e) {
            answer(e, at);
        } else if (event instanceof CallAbandoned e) {
            WaitingCaller caller = callers.get(e.call());
            if (caller != null) {
                cancelRinging(caller, "caller hung up");
                leave(caller, CallerLeftReason.ABANDONED);
            }
        } else if (event instanceof CallEnded e) {
            remember(ended, e.call());
            WaitingCaller caller = callers.get(e.call());
            if (caller != null) {
                cancelRinging(caller, "call ended");
                boolean sentOn = e.cause() == EndCause.FORWARDED || e.cause() == EndCause.VOICEMAIL;
                leave(caller, sentOn ? CallerLeftReason.UNANSWERED_ACTION : CallerLeftReason.ABANDONED);
            }
            AgentState agent = talking.get(e.call());
            if (agent != null) {
                endCall(agent, e.call(), at);
            }
        } else if (event instanceof OfferNotAnswered e) {
            AgentState agent = agents.get(e.agent());
            if (agent != null && agent.ringing != null && agent.ringing.caller.call.equals(e.call())
                    && agent.ringing.devices.remove(e.device()) && agent.ringing.devices.isEmpty()) {
                endUnanswered(agent.ringing);
            }
        }
    }

    private void applyQueueEvent(Event event, Instant at) {
        if (event instanceof QueueConfigured e) {
            QueueState queue = queue(e.queue());
            queue.config = e;
            scope.add(queue);
        } else if (event instanceof QueueMemberAdded e) {
            putMember(queue(e.queue()), member(e.device(), e.agent(), e.priority(), e.order(), e.tier()));
        } else if (event instanceof QueueMemberUpdated e) {
            putMember(queue(e.queue()), member(e.device(), e.agent(), e.priority(), e.order(), e.tier()));
        } else if (event instanceof QueueMemberRemoved e) {
            QueueState queue = queue(e.queue());
            QueueState.Member removed = queue.members.remove(e.device());
            if (removed != null) {
                refreshMembership(queue, removed.agent());
            }
        } else if (event instanceof QueueDeleted e) {
            QueueState queue = queues.get(e.queue());
            if (queue != null) {
                close(queue);
            }
        } else if (event instanceof CallerPicked e) {
            pick(e, at);
        }
    }

    /**
     * A deleted queue: its members left before (one removal each); a caller still waiting is sent on at once as when
     * the queue ring timeout passes, to the forward target, else to the queue's voicemail (never dropped: a queue
     * that kept callers waiting has nowhere else to send them). Then the router forgets the queue.
     */
    private void close(QueueState queue) {
        for (WaitingCaller caller : List.copyOf(queue.waiting.values())) {
            cancelRinging(caller, "queue deleted");
            boolean forward = queue.config.unansweredAction() == UnansweredAction.FORWARD;
            out.add(new ApplyUnansweredAction(tenant, caller.call, queue.id,
                    forward ? UnansweredAction.FORWARD : UnansweredAction.VOICEMAIL,
                    forward ? queue.config.unansweredTarget() : null));
            leave(caller, CallerLeftReason.UNANSWERED_ACTION);
        }
        for (QueueState.Member member : List.copyOf(queue.members.values())) {
            queue.members.remove(member.device());
            refreshMembership(queue, member.agent());
        }
        queues.remove(queue.id);
        scope.remove(queue);
    }

    private void arrive(CallArrived e, Instant at) {
        if (e.queue() == null || callers.containsKey(e.call()) || departed.contains(e.call())) {
            return;
        }
        QueueState queue = queues.get(e.queue());
        if (queue == null || queue.config == null) {
            return;
        }
        WaitingCaller caller = new WaitingCaller(e.call(), queue, e.from(), e.fromName(), at, arrivals++);
        queue.waiting.put(e.call(), caller);
        callers.put(e.call(), caller);
        out.add(new CallerWaiting(queue.id, e.call(), e.from(), e.fromName(), at));
        scope.add(queue);
    }

    private void answer(CallAnswered e, Instant at) {
        AgentState agent = agent(e.agent());
        WaitingCaller caller = callers.get(e.call());
        QueueId queue = e.queue();
        if (caller != null) {
            queue = caller.queue.id;
            endOffers(caller, e.device());
            forget(caller);
            WaitingCaller earlier = answered.put(agent, caller);
            if (earlier != null) {
                leftAnswered(earlier, null);
            }
            agent.countAnswered(LocalDate.ofInstant(at, ZoneOffset.UTC));
            if (agent.status == AgentStatus.SINGLE_CALL) {
                agent.singleCallUsed = true;
            }
        }
        AgentState earlier = talking.get(e.call());
        if (earlier != null && earlier != agent) {
            // one call is on one agent: a later answer by another (a transfer, a pickup the PBX reports) ends the
            // earlier agent's part of it, or that agent would stay on a call nobody ends
            endCall(earlier, e.call(), at);
        }
        startCall(agent, e.call(), queue);
    }

    private void pick(CallerPicked e, Instant at) {
        QueueState queue = queues.get(e.queue());
        WaitingCaller caller = callers.get(e.call());
        AgentState agent = agents.get(e.agent());
        if (queue == null || caller == null || agent == null || caller.queue != queue
                || !availability(agent, queue, at, false).available()) {
            return;
        }
        Membership membership = agent.memberships.get(queue.id);
        if (ringable(agent, membership).contains(e.device())) {
            offer(caller, List.of(new Candidate(membership, agent)), Set.of(e.device()), at);
        }
    }

    private void startCall(AgentState agent, CallId call, QueueId queue) {
        if (!call.equals(agent.onCall)) {
            agent.onCall = call;
            agent.onCallQueue = queue;
            talking.put(call, agent);
        }
        if (agent.ringing != null && agent.ringing.caller.call.equals(call)) {
            removeOffer(agent.ringing);
        }
        touch(agent);
    }

    /** {@code at} is null when agent-service reports the end: the wrap-up it starts then comes as its own event. */
    private void endCall(AgentState agent, CallId call, Instant at) {
        if (!call.equals(agent.onCall)) {
            return;
        }
        talking.remove(call);
        QueueState queue = agent.onCallQueue == null ? null : queues.get(agent.onCallQueue);
        agent.onCall = null;
        agent.onCallQueue = null;
        if (at != null) {
            agent.idleSince = at;
            if (queue != null && queue.config != null && queue.config.wrapUpSeconds() > 0) {
                agent.wrapUpUntil = at.plusSeconds(queue.config.wrapUpSeconds());
                agent.wrapUpCall = call;
                wrappingUp.add(agent);
            }
        }
        touch(agent);
    }

    private void clearWrapUp(AgentState agent) {
        agent.wrapUpUntil = null;
        agent.wrapUpCall = null;
        wrappingUp.remove(agent);
        touch(agent);
    }

    private QueueState.Member member(DeviceId device, AgentId agent, int priority, int order, int tier) {
        return new QueueState.Member(device(device), agent(agent).id, priority, order, tier);
    }

    private void putMember(QueueState queue, QueueState.Member member) {
        QueueState.Member previous = queue.members.put(member.device(), member);
        refreshMembership(queue, member.agent());
        if (previous != null && !previous.agent().equals(member.agent())) {
            refreshMembership(queue, previous.agent());
        }
    }

    private void refreshMembership(QueueState queue, AgentId agentId) {
        AgentState agent = agent(agentId);
        Membership membership = membershipOf(queue, agent.id);
        if (membership == null) {
            queue.memberships.remove(agentId);
            agent.memberships.remove(queue.id);
        } else {
            queue.memberships.put(agentId, membership);
            agent.memberships.put(queue.id, membership);
        }
        touch(agent);
        scope.add(queue);
    }

    /** The agent's place in the queue, folded from its member devices there; null when it has none. */
    private static Membership membershipOf(QueueState queue, AgentId agentId) {
        List<QueueState.Member> devices = queue.members.values().stream()
                .filter(member -> member.agent().equals(agentId))
                .toList();
        return devices.isEmpty() ? null : Membership.of(agentId, queue.id, devices);
    }

    private List<Event> finish(Instant now) {
        for (AgentState agent : List.copyOf(touched)) {
            Offer offer = agent.ringing;
            if (offer != null && !availability(agent, offer.caller.queue, now, true).available()) {
                out.add(new CancelOffer(tenant, offer.caller.call, List.copyOf(offer.devices), "agent unavailable"));
                endUnanswered(offer);
            }
        }
        dispatch(now);
        publishAvailability(now);
        List<Event> result = List.copyOf(out);
        out.clear();
        touched.clear();
        scope.clear();
        return result;
    }

    /**
     * Matches callers with free agents in the queues that changed, in passes until a pass changes nothing. Only the
     * callers of queues with a free agent are looked at, and a pass ends when no free agent is left: a pass costs
     * what can be offered, not the length of the queues (thousands wait in a busy hour, and every fact dispatches).
     */
    private void dispatch(Instant now) {
        Set<QueueState> active = new LinkedHashSet<>(scope);
        // found once per dispatch: between passes only offers change, and an agent an offer rang drops out of the
        // lists (freeOf), so a later pass finds what a new search would (a takeover's reconcile of every queue
        // searched all of them again after each deferring offer, seconds with a backlog of callers)
        Map<QueueState, List<Candidate>> free = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            List<WaitingCaller> order = new ArrayList<>();
            for (QueueState queue : active) {
                if (queue.routesAutomatically() && !queue.waiting.isEmpty()
                        && !freeOf(queue, now, free).isEmpty()) {
                    order.addAll(queue.waiting.values());
                }
            }
            order.sort(Comparator.comparingLong(caller -> caller.sequence));
            Set<QueueState> preferred = new LinkedHashSet<>();
            deferred = false;
            for (WaitingCaller caller : order) {
                if (callers.get(caller.call) == caller && offerNext(caller, now, free, preferred)) {
                    changed = true;
                    if (deferred || noneFree(free)) {
                        // deferred: this offer may have served the caller an earlier one deferred to, ask again,
                        // oldest first; none free: the rest of this pass could offer nothing
                        break;
                    }
                }
            }
            if (active.addAll(preferred)) {
                changed = true;
            }
        }
    }

    private boolean offerNext(WaitingCaller caller, Instant now, Map<QueueState, List<Candidate>> free,
                              Set<QueueState> preferred) {
        QueueType type = caller.queue.config.type();
        if (RingOrder.oneAtATime(type) && !caller.unassigned()) {
            return false;
        }
        List<Candidate> freeHere = freeOf(caller.queue, now, free);
        if (freeHere.isEmpty()) {
            return false;
        }
        List<Candidate> willing = new ArrayList<>(freeHere.size());
        for (Candidate candidate : freeHere) {
            if (prefersAnotherCaller(candidate, caller, now, preferred)) {
                deferred = true;
            } else {
                willing.add(candidate);
            }
        }
        List<Candidate> untried = willing.stream().filter(c -> !caller.tried.contains(c.agent().id)).toList();
        if (untried.isEmpty()) {
            if (willing.isEmpty() || !caller.unassigned()) {
                return false;
            }
            caller.tried.clear();
            untried = willing;
        }
        Integer ringingTier = caller.unassigned() ? null : caller.ringingTier;
        List<Candidate> chosen = RingOrder.choose(type, untried, ringingTier, now, caller.call);
        if (chosen.isEmpty()) {
            return false;
        }
        offer(caller, chosen, null, now);
        return true;
    }

    /** The queue's free agents, found once per dispatch; those an offer rang since drop out. */
    private List<Candidate> freeOf(QueueState queue, Instant now, Map<QueueState, List<Candidate>> free) {
        List<Candidate> freeHere = free.computeIfAbsent(queue, unlisted -> freeAgents(unlisted, now));
        freeHere.removeIf(candidate -> candidate.agent().ringing != null);
        return freeHere;
    }

    private static boolean noneFree(Map<QueueState, List<Candidate>> free) {
        return free.values().stream().flatMap(List::stream).allMatch(candidate -> candidate.agent().ringing != null);
    }

    private List<Candidate> freeAgents(QueueState queue, Instant now) {
        List<Candidate> free = new ArrayList<>();
        for (Membership membership : queue.memberships.values()) {
            AgentState agent = agents.get(membership.agent());
            if (availability(agent, queue, now, false).available()) {
                free.add(new Candidate(membership, agent));
            }
        }
        return free;
    }

    /**
     * True when this agent should rather take a caller of another of its queues: one with a better (lower) priority
     * number for the agent, or the same priority and an older caller. That queue joins the dispatch.
     */
    private boolean prefersAnotherCaller(Candidate candidate, WaitingCaller caller, Instant now,
                                         Set<QueueState> preferred) {
        AgentState agent = candidate.agent();
        int priority = candidate.membership().priority();
        for (Membership other : agent.memberships.values()) {
            if (other.priority() > priority || other.queue().equals(caller.queue.id)) {
                continue;
            }
            QueueState queue = queues.get(other.queue());
            if (queue == null || !queue.routesAutomatically() || queue.waiting.isEmpty()) {
                continue;
            }
            WaitingCaller rival = firstCallerNeeding(queue, agent);
            if (rival != null && (other.priority() < priority || rival.sequence < caller.sequence)
                    && availability(agent, queue, now, false).available()) {
                preferred.add(queue);
                return true;
            }
        }
        return false;
    }

    private static WaitingCaller firstCallerNeeding(QueueState queue, AgentState agent) {
        boolean addsToRinging = RingOrder.addsToRinging(queue.config.type());
        for (WaitingCaller caller : queue.waiting.values()) {
            if ((caller.unassigned() || addsToRinging) && !caller.tried.contains(agent.id)) {
                return caller;
            }
        }
        return null;
    }

    private void offer(WaitingCaller caller, List<Candidate> chosen, Set<DeviceId> onlyDevices, Instant now) {
        int timeout = caller.queue.config.agentRingTimeoutSeconds();
        List<OfferTarget> targets = new ArrayList<>();
        for (Candidate candidate : chosen) {
            AgentState agent = candidate.agent();
            Set<DeviceId> devices = onlyDevices != null ? onlyDevices : ringable(agent, candidate.membership());
            Offer offer = new Offer(caller, agent, devices, now, now.plusSeconds(timeout));
            agent.ringing = offer;
            caller.ringing.put(agent.id, offer);
            ringingAgents.add(agent);
            touched.add(agent);
            for (DeviceId device : devices) {
                targets.add(new OfferTarget(device, agent.id));
            }
        }
        caller.ringingTier = chosen.get(0).membership().tier();
        out.add(new OfferCall(tenant, caller.call, caller.queue.id, targets, timeout, caller.number, caller.name));
    }

    private Set<DeviceId> ringable(AgentState agent, Membership membership) {
        Set<DeviceId> devices = new LinkedHashSet<>();
        for (DeviceId device : membership.devices()) {
            if (agent.active(device) && registered.contains(device)) {
                devices.add(device);
            }
        }
        return devices;
    }

    /** Stops every phone still ringing for the caller, in one command. */
    private void cancelRinging(WaitingCaller caller, String reason) {
        List<DeviceId> devices = new ArrayList<>();
        for (Offer offer : List.copyOf(caller.ringing.values())) {
            devices.addAll(offer.devices);
            removeOffer(offer);
        }
        if (!devices.isEmpty()) {
            out.add(new CancelOffer(tenant, caller.call, devices, reason));
        }
    }

    /**
     * The caller was answered. On a phone it rang, the gateway, like any forking proxy, already stopped the call's
     * other phones when that one answered: their offers end here without a command. Answered anywhere else (a pickup
     * the PBX reports), nothing stopped them yet.
     */
    private void endOffers(WaitingCaller caller, DeviceId answeredOn) {
        boolean onARungPhone = caller.ringing.values().stream().anyMatch(offer -> offer.devices.contains(answeredOn));
        if (onARungPhone) {
            List.copyOf(caller.ringing.values()).forEach(this::removeOffer);
        } else {
            cancelRinging(caller, "answered elsewhere");
        }
    }

    /** The agent let the caller ring out (or became unavailable): try the next one; a Single-Call miss counts. */
    private void endUnanswered(Offer offer) {
        removeOffer(offer);
        offer.caller.tried.add(offer.agent.id);
        if (offer.agent.status == AgentStatus.SINGLE_CALL) {
            offer.agent.singleCallUsed = true;
        }
    }

    private void removeOffer(Offer offer) {
        offer.caller.ringing.remove(offer.agent.id);
        offer.agent.ringing = null;
        ringingAgents.remove(offer.agent);
        touch(offer.agent);
        scope.add(offer.caller.queue);
    }

    private void leave(WaitingCaller caller, CallerLeftReason reason) {
        forget(caller);
        out.add(new CallerLeft(caller.queue.id, caller.call, reason));
    }

    private void forget(WaitingCaller caller) {
        caller.queue.waiting.remove(caller.call);
        callers.remove(caller.call);
        remember(departed, caller.call);
    }

    private static void remember(Set<CallId> calls, CallId call) {
        calls.add(call);
        if (calls.size() > CALLS_REMEMBERED) {
            calls.remove(calls.iterator().next());
        }
    }

    /**
     * One record per agent whose colour or reason changed in any queue, carrying all of that agent's queues, and none
     * for what readers see by themselves: ringing (from call.Ringing; an offer costs no availability record at all)
     * and a wrap-up running out ({@code QueueAvailability.asOf}). An agent's change caused by answering a caller goes
     * inside that caller's CallerLeft.
     */
    private void publishAvailability(Instant now) {
        for (AgentState agent : touched) {
            Map<QueueId, Availability> shown = published.computeIfAbsent(agent.id, id -> new HashMap<>());
            Map<QueueId, Availability> current = new LinkedHashMap<>();
            for (Membership membership : agent.memberships.values()) {
                current.put(membership.queue(), shown(agent, queues.get(membership.queue()), now));
            }
            WaitingCaller took = answered.remove(agent);
            if (current.equals(asReadersSee(shown, now))) {
                shown.clear();
                shown.putAll(current);
                if (took != null) {
                    leftAnswered(took, null);
                }
                continue;
            }
            List<AgentAvailabilityChanged.QueueAvailability> all = new ArrayList<>();
            current.forEach((queue, availability) -> all.add(new AgentAvailabilityChanged.QueueAvailability(queue,
                    availability.available(), availability.reason(), availability.until(), availability.reasons())));
            for (QueueId left : shown.keySet()) {
                if (!current.containsKey(left)) {
                    all.add(new AgentAvailabilityChanged.QueueAvailability(left, false,
                            UnavailableReason.NO_ACTIVE_DEVICE, null));
                }
            }
            shown.clear();
            shown.putAll(current);
            AgentAvailabilityChanged changed = new AgentAvailabilityChanged(agent.id, all);
            if (took == null) {
                out.add(changed);
            } else {
                leftAnswered(took, changed);
            }
        }
        answered.values().forEach(caller -> leftAnswered(caller, null));
        answered.clear();
    }

    /** The answered caller's leaving, with the answering agent's change when the answer made one. */
    private void leftAnswered(WaitingCaller caller, AgentAvailabilityChanged change) {
        out.add(new CallerLeft(caller.queue.id, caller.call, CallerLeftReason.ANSWERED, change));
    }

    /** What the readers of the last published availability see at {@code now}: wrap-ups that ran out are over. */
    private static Map<QueueId, Availability> asReadersSee(Map<QueueId, Availability> shown, Instant now) {
        Map<QueueId, Availability> seen = new HashMap<>(shown.size() * 2);
        shown.forEach((queue, availability) -> seen.put(queue, availability.asOf(now)));
        return seen;
    }

    /**
     * The rule of ARCHITECTURE section 4, reasons checked in the order a person would look for them. A Single-Call
     * agent whose one call is used is red for its status only after its call and wrap-up: during that call the
     * reason is the call.
     */
    private Availability availability(AgentState agent, QueueState queue, Instant now, boolean ignoreRinging) {
        if (!agent.status.takesQueueCalls()) {
            return Availability.red(UnavailableReason.STATUS);
        }
        if (!agent.loggedIn.contains(queue.id)) {
            return Availability.red(UnavailableReason.LOGGED_OUT);
        }
        if (agent.onCall != null) {
            return Availability.red(UnavailableReason.ON_CALL);
        }
        if (agent.inWrapUp(now)) {
            return new Availability(UnavailableReason.WRAP_UP, agent.wrapUpUntil);
        }
        if (singleCallUsed(agent)) {
            return Availability.red(UnavailableReason.STATUS);
        }
        if (!ignoreRinging && agent.ringing != null) {
            return Availability.red(UnavailableReason.RINGING);
        }
        UnavailableReason device = deviceReason(agent, queue);
        return device == UnavailableReason.NONE ? Availability.GREEN : Availability.red(device);
    }

    /**
     * What the portal and wallboard are told: every reason the agent is red in the queue, in the order of
     * {@link #availability}, whose first reason it shares (ringing left out, see {@link #publishAvailability}).
     */
    private Availability shown(AgentState agent, QueueState queue, Instant now) {
        List<UnavailableReason> reasons = new ArrayList<>(2);
        if (!agent.status.takesQueueCalls()) {
            reasons.add(UnavailableReason.STATUS);
        }
        if (!agent.loggedIn.contains(queue.id)) {
            reasons.add(UnavailableReason.LOGGED_OUT);
        }
        if (agent.onCall != null) {
            reasons.add(UnavailableReason.ON_CALL);
        }
        boolean wrapUp = agent.inWrapUp(now);
        if (wrapUp) {
            reasons.add(UnavailableReason.WRAP_UP);
        }
        if (singleCallUsed(agent)) {
            reasons.add(UnavailableReason.STATUS);
        }
        UnavailableReason device = deviceReason(agent, queue);
        if (device != UnavailableReason.NONE) {
            reasons.add(device);
        }
        if (reasons.isEmpty()) {
            return Availability.GREEN;
        }
        return new Availability(reasons.get(0), wrapUp ? agent.wrapUpUntil : null, List.copyOf(reasons));
    }

    private static boolean singleCallUsed(AgentState agent) {
        return agent.status == AgentStatus.SINGLE_CALL && agent.singleCallUsed;
    }

    /** NONE when one of the agent's member phones in the queue is active and registered. */
    private UnavailableReason deviceReason(AgentState agent, QueueState queue) {
        Membership membership = agent.memberships.get(queue.id);
        boolean anyActive = false;
        if (membership != null) {
            for (DeviceId device : membership.devices()) {
                if (agent.active(device)) {
                    anyActive = true;
                    if (registered.contains(device)) {
                        return UnavailableReason.NONE;
                    }
                }
            }
        }
        return anyActive ? UnavailableReason.DEVICE_UNREGISTERED : UnavailableReason.NO_ACTIVE_DEVICE;
    }

    private void touch(AgentState agent) {
        touched.add(agent);
        for (QueueId queue : agent.memberships.keySet()) {
            scope.add(queues.get(queue));
        }
    }

    private AgentState agent(AgentId id) {
        return agents.computeIfAbsent(id, AgentState::new);
    }

    private QueueState queue(QueueId id) {
        return queues.computeIfAbsent(id, QueueState::new);
    }

    /** The queue's own id instance once the queue is known (see {@link #deviceIds}). */
    private QueueId queueId(QueueId id) {
        QueueState queue = queues.get(id);
        return queue == null ? id : queue.id;
    }

    private DeviceId device(DeviceId id) {
        return deviceIds.computeIfAbsent(id, known -> known);
    }
}
