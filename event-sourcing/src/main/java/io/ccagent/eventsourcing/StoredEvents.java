package io.ccagent.eventsourcing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.wire.Envelope;
import org.axonframework.eventhandling.EventMessage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The envelope a stored event is published in. Its id is derived from the stored message id, so every publication of
 * one event (the forwarder's, a re-publication after a crash, a service's direct answer) carries the same id and
 * consumers dedupe it.
 */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** The envelope of a stored message whose payload is a contracts {@link Event}; empty for anything else. */
    public static Optional<Envelope> envelope(EventMessage<?> message) {
        return message.getPayload() instanceof Event event ? Optional.of(envelope(event, message)) : Optional.empty();
    }

    static Envelope envelope(Event event, EventMessage<?> message) {
        return Envelope.of(envelopeId(message.getIdentifier()), message.getTimestamp(),
                causationId(message.getMetaData().get(MongoEventStoreAutoConfiguration.CAUSATION_ID)), event);
    }

    /** Axon message ids are UUIDs; any other id is mapped to a name-based UUID so it stays stable too. */
    static UUID envelopeId(String messageIdentifier) {
        try {
            return UUID.fromString(messageIdentifier);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(messageIdentifier.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static UUID causationId(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
