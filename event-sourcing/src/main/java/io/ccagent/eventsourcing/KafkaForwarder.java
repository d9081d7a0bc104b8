package io.ccagent.eventsourcing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.TypeHeader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored domain event whose payload is a contracts {@link Event} to its topic, keyed by tenant.
 * It waits for the broker's acknowledgement, and a failure propagates to the tracking processor, which keeps its
 * token and retries with back-off: an event in the store always reaches Kafka, at least once. The envelope id is
 * derived from the stored message id, so a re-publication after a crash carries the same id and consumers dedupe it.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
public class KafkaForwarder implements AutoCloseable {

    public static final String PROCESSING_GROUP = "kafka-forwarder";

    private static final Logger log = LoggerFactory.getLogger(KafkaForwarder.class);

    private final Producer<String, byte[]> producer;
    private final Duration sendTimeout;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Counter forwarded;
    private final Counter failures;

    KafkaForwarder(Producer<String, byte[]> producer, Duration sendTimeout, MeterRegistry meters) {
        this.producer = producer;
        this.sendTimeout = sendTimeout;
        this.forwarded = Counter.builder("cca.eventsourcing.forwarded")
                .description("Stored events published to Kafka (re-publications after a retry included)")
                .register(meters);
        this.failures = Counter.builder("cca.eventsourcing.forward.failures")
                .description("Publications to Kafka that failed and will be retried")
                .register(meters);
    }

    @EventHandler
    void forward(Event event, EventMessage<?> message) throws InterruptedException {
        Envelope envelope = Envelope.of(envelopeId(message.getIdentifier()), message.getTimestamp(),
                causationId(message.getMetaData().get(MongoEventStoreAutoConfiguration.CAUSATION_ID)), event);
        String topic = Topics.of(event);
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.key(), codec.encode(envelope));
            record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
            producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            forwarded.increment();
        } catch (ExecutionException | TimeoutException e) {
            failures.increment();
            log.warn("Publishing {} {} to {} failed; the forwarder will retry: {}", envelope.type(), envelope.id(),
                    topic, e.getMessage());
            throw new ForwardingFailedException("could not publish " + envelope.id() + " to " + topic, e);
        }
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

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    static final class ForwardingFailedException extends RuntimeException {

        ForwardingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
