package io.ccagent.contracts.wire;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.Tenant;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The one record shape on every topic (CloudEvents-like attribute names). {@code id} is the idempotency key:
 * consumers that see the same id twice must change nothing the second time.
 */
public record Envelope(UUID id, String type, int version, Tenant tenant, String subject, Instant time,
                       UUID causationId, Event data) {

    public Envelope {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(tenant, "tenant is required");
        Objects.requireNonNull(subject, "subject is required");
        Objects.requireNonNull(time, "time is required");
        Objects.requireNonNull(data, "data is required");
        if (!tenant.equals(data.tenant())) {
            throw new IllegalArgumentException("envelope tenant " + tenant + " differs from the event's " + data.tenant());
        }
    }

    /** Wraps an event; type, version, tenant and subject come from the event itself. */
    public static Envelope of(UUID id, Instant time, UUID causationId, Event data) {
        EventTypes.Registration registration = EventTypes.of(data.getClass());
        return new Envelope(id, registration.name(), registration.version(), data.tenant(), data.subject(), time,
                causationId, data);
    }

    public <T extends Event> Optional<T> dataAs(Class<T> type) {
        return type.isInstance(data) ? Optional.of(type.cast(data)) : Optional.empty();
    }

    /** The Kafka record key: the tenant domain, so one tenant's records stay ordered in one partition. */
    public String key() {
        return tenant.domain();
    }
}
