package io.ccagent.gateway.events;

import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.TypeHeader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/** The single writer of {@code call.events}: wraps each fact in an envelope keyed by its tenant. */
@Component
public class CallEventPublisher {

    static final String BINDING = "callEvents-out-0";

    private final StreamBridge bridge;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final MeterRegistry meters;

    CallEventPublisher(StreamBridge bridge, EnvelopeCodec codec, Clock clock, MeterRegistry meters) {
        this.bridge = bridge;
        this.codec = codec;
        this.clock = clock;
        this.meters = meters;
    }

    public Envelope publish(CallEvent event) {
        return publish(UUID.randomUUID(), event);
    }

    /** Publishes with a caller-chosen envelope id (the HTTP API reuses the PBX's id so duplicates stay duplicates). */
    public Envelope publish(UUID id, CallEvent event) {
        Envelope envelope = Envelope.of(id, clock.instant(), null, event);
        bridge.send(BINDING, MessageBuilder.withPayload(codec.encode(envelope))
                .setHeader(KafkaHeaders.KEY, envelope.key().getBytes(StandardCharsets.UTF_8))
                .setHeader(TypeHeader.NAME, TypeHeader.valueOf(envelope))
                .build());
        meters.counter("cca.gateway.call.events", "type", envelope.type()).increment();
        return envelope;
    }
}
