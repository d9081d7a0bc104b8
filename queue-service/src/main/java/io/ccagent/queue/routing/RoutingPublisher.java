package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.TypeHeader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Publishes the router's commands and queue facts, keyed by tenant, each caused by the input that led to it. */
@Component
class RoutingPublisher {


    private final KafkaTemplate<String, byte[]> kafka;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final MeterRegistry meters;

    RoutingPublisher(KafkaTemplate<String, byte[]> kafka, EnvelopeCodec codec, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.codec = codec;
        this.clock = clock;
        this.meters = meters;
    }

    void publish(List<Event> events, UUID causationId) {
        for (Event event : events) {
            Envelope envelope = Envelope.of(UUID.randomUUID(), clock.instant(), causationId, event);
            String topic = Topics.of(event);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.key(), codec.encode(envelope));
            record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
            kafka.send(record);
            meters.counter("cca.queue.routing.published", "type", envelope.type()).increment();
        }
    }
}
