package io.ccagent.portal.live;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueEvent;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.portal.account.PortalUser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Open browser streams per tenant; each event goes to the subscribers allowed to see it. On shutdown the streams
 * are closed first, so graceful shutdown does not wait for long-lived SSE requests (browsers reconnect elsewhere).
 */
@Component
class LiveHub implements SmartLifecycle {

    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

    private final Map<Tenant, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Counter pushed;
    private volatile boolean running;

    LiveHub(MeterRegistry meters) {
        this.pushed = Counter.builder("cca.portal.live.pushed").description("events pushed to browsers")
                .register(meters);
        meters.gauge("cca.portal.live.streams", subscribers,
                all -> all.values().stream().mapToInt(Set::size).sum());
    }

    private record Subscriber(PortalUser user, String sessionId, SseEmitter emitter) {
    }

    SseEmitter subscribe(PortalUser user, String sessionId) {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        Subscriber subscriber = new Subscriber(user, sessionId, emitter);
        Set<Subscriber> tenantSubscribers = subscribers.computeIfAbsent(user.tenant(),
                ignored -> ConcurrentHashMap.newKeySet());
        tenantSubscribers.add(subscriber);
        Runnable remove = () -> tenantSubscribers.remove(subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        send(subscriber, SseEmitter.event().name("hello").data("{}", MediaType.APPLICATION_JSON));
        return emitter;
    }

    void publish(Envelope envelope) {
        Set<Subscriber> tenantSubscribers = subscribers.get(envelope.tenant());
        if (tenantSubscribers == null || tenantSubscribers.isEmpty()) {
            return;
        }
        String full = null;
        String bare = null;
        for (Subscriber subscriber : tenantSubscribers) {
            LiveVisibility.View view = LiveVisibility.of(subscriber.user(), envelope);
            if (view == LiveVisibility.View.NONE) {
                continue;
            }
            String payload;
            if (view == LiveVisibility.View.FULL) {
                full = full != null ? full : fullPayload(envelope);
                payload = full;
            } else {
                bare = bare != null ? bare : barePayload(envelope);
                payload = bare;
            }
            send(subscriber, SseEmitter.event().name("cca").id(envelope.id().toString())
                    .data(payload, MediaType.APPLICATION_JSON));
            pushed.increment();
        }
    }

    /** Ends the streams of this session: a last {@code signed-out} event (the page says so), then the stream closes. */
    void closeSession(String sessionId) {
        closeWhere(subscriber -> subscriber.sessionId().equals(sessionId));
    }

    /** Ends every stream of this login on this instance, the same way. */
    void closeUser(String login) {
        closeWhere(subscriber -> subscriber.user().login().equals(login));
    }

    /** The sessions that have a stream open on this instance. */
    Set<String> sessionIds() {
        Set<String> ids = new HashSet<>();
        subscribers.values().forEach(tenant -> tenant.forEach(subscriber -> ids.add(subscriber.sessionId())));
        return ids;
    }

    private void closeWhere(Predicate<Subscriber> ended) {
        subscribers.values().forEach(tenant -> tenant.removeIf(subscriber -> {
            if (!ended.test(subscriber)) {
                return false;
            }
            send(subscriber, SseEmitter.event().name("signed-out").data("{}", MediaType.APPLICATION_JSON));
            try {
                subscriber.emitter().complete();
            } catch (IllegalStateException alreadyEnded) {
                // the browser had gone already; nothing left to close
            }
            return true;
        }));
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(tenant -> tenant.forEach(subscriber -> subscriber.emitter().complete()));
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private String fullPayload(Envelope envelope) {
        return new String(codec.encode(envelope), StandardCharsets.UTF_8);
    }

    private String barePayload(Envelope envelope) {
        ObjectNode node = json.createObjectNode();
        node.put("id", envelope.id().toString());
        node.put("type", envelope.type());
        node.put("subject", envelope.data() instanceof QueueEvent ? envelope.subject() : "");
        node.put("time", envelope.time().toString());
        return json.writeValueAsString(node);
    }

    private static void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            subscriber.emitter().completeWithError(e);
        }
    }
}
