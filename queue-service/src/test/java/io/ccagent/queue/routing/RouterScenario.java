package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link TenantRouter} in the words of the rules: queues, agents with phones, callers, time. */
final class RouterScenario {

    static final Tenant TENANT = Tenant.of("router.example.com");

    final TenantRouter router;
    Instant now = Instant.parse("2026-11-26T09:00:00Z");
    final List<Event> published = new ArrayList<>();
    List<Event> last = List.of();

    RouterScenario() {
        router = new TenantRouter(TENANT);
    }

    static AgentId agent(String ext) {
        return AgentId.of(ext, TENANT);
    }

    static QueueId queue(String ext) {
        return QueueId.of(ext, TENANT);
    }

    static DeviceId device(String name) {
        return DeviceId.of(name, TENANT);
    }

    static CallId call(String id) {
        return CallId.of(id);
    }

    RouterScenario queue(String ext, QueueType type) {
        return queue(ext, type, 0, 20, 300, UnansweredAction.STAY_IN_QUEUE, null);
    }

    RouterScenario queue(String ext, QueueType type, int wrapUp, int agentTimeout, int queueTimeout,
                         UnansweredAction action, String target) {
        return on(new QueueConfigured(queue(ext), "Q" + ext, type, wrapUp, agentTimeout, queueTimeout, action, target,
                "UTC", "1100@router.example.com"));
    }

    /** Adds the agent's phone {@code <agent>} to the queue. */
    RouterScenario member(String queue, String agent, int priority, int order, int tier) {
        return member(queue, agent, agent, priority, order, tier);
    }

    RouterScenario member(String queue, String device, String agent, int priority, int order, int tier) {
        return on(new QueueMemberAdded(queue(queue), device(device), agent(agent), priority, order, tier, "1100"));
    }

    /** Online, logged into the given queues, and every named phone registered. */
    RouterScenario ready(String agent, List<String> queues, String... devices) {
        for (String device : devices.length == 0 ? new String[]{agent} : devices) {
            register(agent, device);
        }
        for (String queue : queues) {
            on(new QueueLoginChanged(agent(agent), queue(queue), true, ChangeSource.PORTAL, agent));
        }
        return status(agent, AgentStatus.ONLINE);
    }

    RouterScenario register(String agent, String device) {
        return on(new DeviceRegistered(TENANT, device(device), agent(agent), "sip:" + device + "@127.0.0.1",
                now.plusSeconds(3600)));
    }

    RouterScenario status(String agent, AgentStatus status) {
        return on(new AgentStatusChanged(agent(agent), AgentStatus.OFFLINE, status, ChangeSource.PORTAL, agent));
    }

    RouterScenario arrive(String call, String queue) {
        return on(new CallArrived(TENANT, call(call), "+1555" + call, "Caller " + call, queue + "@x", queue(queue),
                null, CallOrigin.EXTERNAL));
    }

    RouterScenario answer(String call, String agent) {
        return answer(call, agent, agent);
    }

    RouterScenario answer(String call, String agent, String device) {
        return on(new CallAnswered(TENANT, call(call), device(device), agent(agent), null));
    }

    RouterScenario noAnswer(String call, String agent) {
        return on(new OfferNotAnswered(TENANT, call(call), device(agent), agent(agent), null, NoAnswerReason.TIMEOUT));
    }

    RouterScenario hangUp(String call) {
        return on(new CallAbandoned(TENANT, call(call), null));
    }

    RouterScenario end(String call) {
        return on(new CallEnded(TENANT, call(call), EndCause.AGENT_HANGUP));
    }

    RouterScenario after(int seconds) {
        now = now.plusSeconds(seconds);
        return record(router.tick(now));
    }

    RouterScenario on(Event event) {
        return record(router.on(event, now));
    }

    private RouterScenario record(List<Event> events) {
        last = events;
        published.addAll(events);
        return this;
    }

    /** Agents rung by the offers of the last step, in command order. */
    List<String> offered() {
        return last.stream().filter(OfferCall.class::isInstance).map(OfferCall.class::cast)
                .flatMap(offer -> offer.targets().stream()).map(OfferTarget::agent).map(AgentId::extension)
                .distinct().toList();
    }

    List<OfferCall> offers() {
        return last.stream().filter(OfferCall.class::isInstance).map(OfferCall.class::cast).toList();
    }

    List<CancelOffer> cancels() {
        return last.stream().filter(CancelOffer.class::isInstance).map(CancelOffer.class::cast).toList();
    }

    <T extends Event> List<T> lastOf(Class<T> type) {
        return last.stream().filter(type::isInstance).map(type::cast).toList();
    }

    String ringing(String agent) {
        return router.ringingFor(agent(agent)).map(CallId::value).orElse(null);
    }
}
