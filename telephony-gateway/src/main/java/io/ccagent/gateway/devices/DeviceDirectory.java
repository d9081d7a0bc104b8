package io.ccagent.gateway.devices;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.events.CallEventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Phones: their credentials (MongoDB, cached for {@link #CREDENTIALS_KEPT}, found or not) and their current registrations (MongoDB, mirrored in memory because
 * every INVITE looks them up). Publishes {@link DeviceRegistered} / {@link DeviceUnregistered}. Registration rows
 * are written behind the memory by one thread of their own, in order, so a REGISTER never waits for MongoDB on a
 * SIP thread; the rows are for the next start and for other instances.
 */
@Component
public class DeviceDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceDirectory.class);
    /**
     * How long a credential, or the absence of one, is believed without asking MongoDB again. Every INVITE looks its
     * caller up, and a trunk's callers are numbers that are no phone: without the absence cached each of them would
     * cost a MongoDB query on a SIP thread. A phone provisioned or changed through another gateway instance is
     * recognised here at most this late; through this one, at once.
     */
    static final Duration CREDENTIALS_KEPT = Duration.ofSeconds(30);

    private final MongoCollection<Document> credentials;
    private final MongoCollection<Document> registrations;
    private final CallEventPublisher publisher;
    private final Clock clock;
    private final Cache<DeviceId, Optional<DeviceCredential>> credentialCache = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(CREDENTIALS_KEPT)
            .build();
    /** Whether a domain has any phone: a trunk's callers are new numbers each time, all at the trunk's host. */
    private final Cache<Tenant, Boolean> domainsWithPhones = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(CREDENTIALS_KEPT)
            .build();
    private final Map<DeviceId, Registration> registered = new ConcurrentHashMap<>();
    private final ExecutorService rowWriter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "registration-rows");
        thread.setDaemon(true);
        return thread;
    });

    DeviceDirectory(MongoDatabase database, CallEventPublisher publisher, Clock clock, MeterRegistry meters) {
        this.credentials = database.getCollection("device_credentials");
        this.registrations = database.getCollection("registrations");
        this.publisher = publisher;
        this.clock = clock;
        for (Document doc : registrations.find()) {
            Registration registration = fromDocument(doc);
            registered.put(registration.device(), registration);
        }
        meters.gaugeMapSize("cca.gateway.registrations", List.of(), registered);
    }

    /** Stores the device's digest secret; returns false if the same credentials were already stored. */
    public boolean putCredential(DeviceId device, AgentId agent, String password) {
        DeviceCredential credential = new DeviceCredential(device, agent,
                Digest.ha1(device.name(), device.tenant().domain(), password));
        if (credential.equals(credential(device).orElse(null))) {
            return false;
        }
        credentials.replaceOne(eq("_id", device.toString()), new Document("_id", device.toString())
                .append("tenant", device.tenant().domain())
                .append("agent", agent.toString())
                .append("ha1", credential.ha1()), new ReplaceOptions().upsert(true));
        domainsWithPhones.put(device.tenant(), true);
        credentialCache.put(device, Optional.of(credential));
        return true;
    }

    /** Asks MongoDB at most once per {@link #CREDENTIALS_KEPT} per phone, and once per domain without any phone. */
    public Optional<DeviceCredential> credential(DeviceId device) {
        if (!domainsWithPhones.get(device.tenant(), this::hasAnyPhone)) {
            return Optional.empty();
        }
        return credentialCache.get(device, this::storedCredential);
    }

    private boolean hasAnyPhone(Tenant domain) {
        return credentials.find(eq("tenant", domain.domain())).first() != null;
    }

    private Optional<DeviceCredential> storedCredential(DeviceId device) {
        Document doc = credentials.find(eq("_id", device.toString())).first();
        return doc == null ? Optional.empty() : Optional.of(new DeviceCredential(device,
                AgentId.parse(doc.getString("agent")), doc.getString("ha1")));
    }

    public List<DeviceCredential> devicesOf(Tenant tenant) {
        List<DeviceCredential> devices = new ArrayList<>();
        for (Document doc : credentials.find(eq("tenant", tenant.domain()))) {
            devices.add(new DeviceCredential(DeviceId.parse(doc.getString("_id")), AgentId.parse(doc.getString("agent")),
                    doc.getString("ha1")));
        }
        devices.sort(Comparator.comparing(credential -> credential.device().toString()));
        return devices;
    }

    /** True if {@code agent} owns at least one provisioned phone (then its extension takes direct calls). */
    public boolean hasDevices(AgentId agent) {
        return credentialCache.asMap().values().stream()
                .anyMatch(credential -> credential.filter(found -> found.agent().equals(agent)).isPresent())
                || credentials.find(eq("agent", agent.toString())).first() != null;
    }

    /** The live registrations of every phone of {@code agent}. */
    public List<Registration> registrationsOf(AgentId agent) {
        Instant now = clock.instant();
        return registered.values().stream()
                .filter(registration -> registration.agent().equals(agent) && registration.expires().isAfter(now))
                .sorted(Comparator.comparing(registration -> registration.device().toString()))
                .toList();
    }

    /** Asks MongoDB on a miss: the phone may have registered through another gateway instance. */
    public Optional<Registration> registration(DeviceId device) {
        Registration registration = registered.get(device);
        if (registration == null) {
            Document doc = registrations.find(eq("_id", device.toString())).first();
            if (doc != null) {
                registration = fromDocument(doc);
            }
        }
        return registration == null || !registration.expires().isAfter(clock.instant())
                ? Optional.empty() : Optional.of(registration);
    }

    private static Registration fromDocument(Document doc) {
        return new Registration(DeviceId.parse(doc.getString("_id")), AgentId.parse(doc.getString("agent")),
                doc.getString("contact"), doc.getDate("expires").toInstant());
    }

    public Registration register(DeviceCredential credential, String contact, int expiresSeconds) {
        Registration registration = new Registration(credential.device(), credential.agent(), contact,
                clock.instant().plusSeconds(expiresSeconds));
        Document row = new Document("_id", credential.device().toString())
                .append("tenant", credential.device().tenant().domain())
                .append("agent", credential.agent().toString())
                .append("contact", contact)
                .append("expires", Date.from(registration.expires()));
        registered.put(credential.device(), registration);
        writeRow(() -> registrations.replaceOne(eq("_id", row.getString("_id")), row,
                new ReplaceOptions().upsert(true)));
        publisher.publish(new DeviceRegistered(credential.device().tenant(), credential.device(), credential.agent(),
                contact, registration.expires()));
        return registration;
    }

    public void unregister(DeviceId device, String reason) {
        Registration removed = registered.remove(device);
        if (removed != null) {
            writeRow(() -> registrations.deleteOne(eq("_id", device.toString())));
            publisher.publish(new DeviceUnregistered(device.tenant(), device, removed.agent(), reason));
        }
    }

    /** Drops registrations whose expiry has passed; each produces one {@code DeviceUnregistered("expired")}. */
    public int sweepExpired() {
        Instant now = clock.instant();
        int swept = 0;
        for (Registration registration : List.copyOf(registered.values())) {
            if (!registration.expires().isAfter(now) && registered.remove(registration.device(), registration)) {
                writeRow(() -> registrations.deleteOne(eq("_id", registration.device().toString())));
                publisher.publish(new DeviceUnregistered(registration.device().tenant(), registration.device(),
                        registration.agent(), "expired"));
                swept++;
            }
        }
        return swept;
    }

    /** Lets the row writes queued so far finish (a clean stop leaves MongoDB as the memory was). */
    @Override
    public void close() {
        rowWriter.shutdown();
        try {
            rowWriter.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeRow(Runnable write) {
        try {
            rowWriter.execute(() -> {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    log.warn("registration row not written: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("gateway stopping: registration row not written");
        }
    }
}
