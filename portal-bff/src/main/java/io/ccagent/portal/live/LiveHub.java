package io.ccagent.portal.live;

import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.QueueEvent;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.portal.PortalSettings;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.session.SessionMark;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Open browser streams per tenant; each event goes to the subscribers allowed to see it. Publishing only queues the
 * event on each subscriber (bounded); a small pool of writers sends it, so neither the Kafka consumer nor other
 * browsers ever wait on a slow one. A subscriber whose queue is full is dropped and counted: its browser reconnects
 * and re-reads the page. On shutdown the streams are closed first, so graceful shutdown does not wait for long-lived
 * SSE requests (browsers reconnect elsewhere).
 */
@Component
public class LiveHub implements SmartLifecycle {

    private final Map<String, Set<Subscriber>> byTenant = new ConcurrentHashMap<>();
    private final PortalSettings.Live settings;
    private final Executor writers;
    private final ExecutorService closers = Executors.newCachedThreadPool(daemon("live-closer"));
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Counter pushed;
    private final Counter dropped;
    private final Timer latency;
    private final Timer arrival;
    private volatile boolean running;

    @Autowired
    LiveHub(PortalSettings settings, MeterRegistry meters) {
        this(settings.live(), meters,
                Executors.newFixedThreadPool(settings.live().writerThreads(), daemon("live-writer")));
    }

    LiveHub(PortalSettings.Live settings, MeterRegistry meters, Executor writers) {
        this.settings = settings;
        this.writers = writers;
        this.pushed = Counter.builder("cca.portal.live.pushed").description("events pushed to browsers")
                .register(meters);
        this.dropped = Counter.builder("cca.portal.live.dropped")
                .description("browser streams dropped because they fell too far behind").register(meters);
        this.latency = Timer.builder("cca.portal.push.latency")
                .description("from the event's time to its being written to a browser stream")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(meters);
        this.arrival = Timer.builder("cca.portal.live.arrival")
                .description("from the event's time to the portal reading it from Kafka (the share of the push "
                        + "latency before the fan-out)")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofSeconds(10)).register(meters);
        meters.gauge("cca.portal.live.streams", byTenant, all -> all.values().stream().mapToInt(Set::size).sum());
    }

    SseEmitter subscribe(PortalUser user, String session) {
        SseEmitter emitter = new SseEmitter(settings.streamLifetime().toMillis());
        Subscriber subscriber = new Subscriber(user, session, emitter, settings.subscriberQueue(), writers,
                closers, this::written);
        Set<Subscriber> tenant = byTenant.computeIfAbsent(user.tenant().domain(),
                ignored -> ConcurrentHashMap.newKeySet());
        tenant.add(subscriber);
        Runnable remove = () -> tenant.remove(subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        subscriber.offer(Subscriber.Frame.of("hello", null,
                "{\"session\":\"" + SessionMark.of(session) + "\"}", -1));
        return emitter;
    }

    /**
     * Whether anyone on this instance listens to the tenant a record is keyed by; asked before a record is decoded.
     * Keys are tenant domains, always lower-case on the wire.
     */
    boolean listensTo(String tenantKey) {
        Set<Subscriber> tenant = tenantKey == null ? null : byTenant.get(tenantKey);
        return tenant != null && !tenant.isEmpty();
    }

    /** An event read from Kafka, to every stream of its tenant allowed to see it. */
    void publish(Envelope envelope) {
        arrival.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - envelope.time().toEpochMilli())));
        fanOut(envelope, subscriber -> true);
    }

    /**
     * Events the user's own command just caused, to that user's own streams at once (their other tabs included);
     * the same events arrive again through Kafka with the same ids, and the page ignores an id it has applied.
     */
    public void publishOwn(PortalUser user, List<Envelope> envelopes) {
        for (Envelope envelope : envelopes) {
            // a login names its tenant (ext@domain), and only the envelope's tenant is fanned out to
            fanOut(envelope, subscriber -> subscriber.user().login().equalsIgnoreCase(user.login()));
        }
    }

    /** Signs out every live stream of one user (password reset, role change); returns how many were open. */
    int closeStreamsOfUser(Tenant tenant, String login) {
        return signOut(tenant, subscriber -> subscriber.user().login().equalsIgnoreCase(login));
    }

    /** Signs out the live streams opened in one HTTP session (sign-out); returns how many were open. */
    int closeStreamsOfSession(String sessionId) {
        int closed = 0;
        for (String tenant : byTenant.keySet()) {
            closed += signOut(Tenant.of(tenant), subscriber -> sessionId.equals(subscriber.session()));
        }
        return closed;
    }

    /** The HTTP sessions with a stream open on this instance. */
    Set<String> sessionIds() {
        Set<String> ids = new HashSet<>();
        byTenant.values().forEach(tenant -> tenant.forEach(subscriber -> ids.add(subscriber.session())));
        return ids;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        byTenant.values().forEach(tenant -> tenant.forEach(Subscriber::close));
        byTenant.clear();
        if (writers instanceof ExecutorService pool) {
            pool.shutdown();
        }
        closers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void fanOut(Envelope envelope, Predicate<Subscriber> audience) {
        Set<Subscriber> tenant = byTenant.get(envelope.tenant().domain());
        if (tenant == null || tenant.isEmpty()) {
            return;
        }
        long eventTime = envelope.time().toEpochMilli();
        String id = envelope.id().toString();
        Subscriber.Frame full = null;
        Subscriber.Frame bare = null;
        for (Subscriber subscriber : tenant) {
            if (!audience.test(subscriber)) {
                continue;
            }
            LiveVisibility.View view = LiveVisibility.of(subscriber.viewer(), envelope);
            if (view == LiveVisibility.View.NONE) {
                continue;
            }
            Subscriber.Frame frame;
            if (view == LiveVisibility.View.FULL) {
                frame = full = full != null ? full : Subscriber.Frame.of("cca", id, fullPayload(envelope), eventTime);
            } else {
                frame = bare = bare != null ? bare : Subscriber.Frame.of("cca", id, barePayload(envelope), eventTime);
            }
            if (!subscriber.offer(frame)) {
                dropped.increment();
                tenant.remove(subscriber);
                subscriber.close();
            }
        }
    }

    private void written(Subscriber.Frame frame) {
        if (frame.eventTimeMillis() >= 0) {
            pushed.increment();
            latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - frame.eventTimeMillis())));
        }
    }

    private int signOut(Tenant tenant, Predicate<Subscriber> which) {
        Set<Subscriber> subscribers = byTenant.get(tenant.domain());
        if (subscribers == null) {
            return 0;
        }
        int closed = 0;
        for (Subscriber subscriber : subscribers) {
            if (which.test(subscriber)) {
                subscribers.remove(subscriber);
                subscriber.signOut();
                closed++;
            }
        }
        return closed;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private String fullPayload(Envelope envelope) {
        return new String(codec.encode(envelope), StandardCharsets.UTF_8);
    }

    /**
     * A bare event keeps its subject only when that is a queue or a call id (a colleague's id or a caller's number is
     * not shown): an agent's page ends its own call's banner on the bare end of that call, and only of that call.
     */
    private static boolean keepsSubject(Envelope envelope) {
        return envelope.data() instanceof QueueEvent || envelope.data() instanceof CallerWaiting
                || envelope.data() instanceof CallerLeft || envelope.data() instanceof CallEvent;
    }

    private String barePayload(Envelope envelope) {
        ObjectNode node = json.createObjectNode();
        node.put("id", envelope.id().toString());
        node.put("type", envelope.type());
        node.put("subject", keepsSubject(envelope) ? envelope.subject() : "");
        node.put("time", envelope.time().toString());
        return json.writeValueAsString(node);
    }
}
