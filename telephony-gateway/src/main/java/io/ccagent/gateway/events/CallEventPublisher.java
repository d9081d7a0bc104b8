package io.ccagent.gateway.events;

import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.wire.Envelope;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The single writer of {@code call.events}, as SIP and the simulator see it: each fact becomes an envelope keyed by
 * its tenant and is handed to the {@link Outbox}, which stores it and relays it to Kafka. Nothing here blocks on
 * Kafka or MongoDB, so a broker stall never stalls SIP; a fact handed over is published once the broker is back.
 */
@Component
public class CallEventPublisher {

    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    CallEventPublisher(Outbox outbox, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    public Envelope publish(CallEvent event) {
        Envelope envelope = Envelope.of(UUID.randomUUID(), clock.instant(), null, event);
        outbox.hand(envelope);
        meters.counter("cca.gateway.call.events", "type", envelope.type()).increment();
        return envelope;
    }

    /**
     * Stores the fact durably before returning, with a caller-chosen envelope id (the PBX API reuses the PBX's id so
     * duplicates stay duplicates); throws if it could not be stored, so the caller can answer with an error and the
     * PBX retry.
     */
    public Envelope publishDurably(UUID id, CallEvent event) {
        Envelope envelope = Envelope.of(id, clock.instant(), null, event);
        outbox.store(envelope);
        meters.counter("cca.gateway.call.events", "type", envelope.type()).increment();
        return envelope;
    }
}
