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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored domain event whose payload is a contracts {@link Event} to its topic, keyed by tenant.
 * Sends are asynchronous; at the last event of the tracking processor's batch the forwarder flushes once and waits
 * for every acknowledgement of the batch. Only then does the processor store its token (once per batch), so a failure
 * propagates, the token stays where it was and the whole batch is retried with back-off: an event in the store always
 * reaches Kafka, at least once, in store order per tenant (the producer is idempotent). The envelope id is derived from
 * the stored message id ({@link StoredEvents}), so a re-publication carries the same id and consumers dedupe it.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
public class KafkaForwarder implements AutoCloseable {

    public static final String PROCESSING_GROUP = "kafka-forwarder";

    private static final Logger log = LoggerFactory.getLogger(KafkaForwarder.class);
    private static final String PENDING = KafkaForwarder.class.getName() + ".pending";

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
                .description("Batches whose publication to Kafka failed and will be retried")
                .register(meters);
    }

    private record Pending(Envelope envelope, String topic, Future<RecordMetadata> ack) {
    }

    @EventHandler
    void forward(Event event, EventMessage<?> message) throws InterruptedException {
        Envelope envelope = StoredEvents.envelope(event, message);
        String topic = Topics.of(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, envelope.key(), codec.encode(envelope));
        record.headers().add(TypeHeader.NAME, TypeHeader.valueOf(envelope));
        List<Pending> batch = BatchEnd.collected(PENDING, ArrayList::new);
        batch.add(new Pending(envelope, topic, producer.send(record)));
        if (BatchEnd.reached()) {
            awaitAll(batch);
            batch.clear();
        }
    }

    private void awaitAll(List<Pending> batch) throws InterruptedException {
        producer.flush();
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Pending pending : batch) {
            try {
                pending.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                failures.increment();
                log.warn("Publishing {} {} to {} failed; the forwarder will retry its batch of {}: {}",
                        pending.envelope().type(), pending.envelope().id(), pending.topic(), batch.size(),
                        e.getMessage());
                throw new ForwardingFailedException("could not publish " + pending.envelope().id() + " to "
                        + pending.topic(), e);
            }
        }
        forwarded.increment(batch.size());
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
