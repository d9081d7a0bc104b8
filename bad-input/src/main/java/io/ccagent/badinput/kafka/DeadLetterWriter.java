package io.ccagent.badinput.kafka;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a record a consumer cannot read to its dead-letter topic ({@link DeadLetters}) and waits for the broker, so
 * the consumer commits past the record only once the dead letter is stored; the rest of the poll goes on. A record
 * inside a Kafka transaction (the router's) is built with {@link DeadLetters#of} and sent with the transaction instead.
 */
public class DeadLetterWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final KafkaOperations<String, byte[]> kafka;
    private final Runnable onClose;

    public DeadLetterWriter(KafkaOperations<String, byte[]> kafka) {
        this(kafka, () -> { });
    }

    private DeadLetterWriter(KafkaOperations<String, byte[]> kafka, Runnable onClose) {
        this.kafka = kafka;
        this.onClose = onClose;
    }

    /** A writer on its own producer, configured like every other client of the service ({@code spring.kafka.*}). */
    public static DeadLetterWriter onProducer(Map<String, Object> producerProperties) {
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(producerProperties,
                new StringSerializer(), new ByteArraySerializer());
        return new DeadLetterWriter(new KafkaTemplate<>(producers), producers::destroy);
    }

    /** The key may be the text or the bytes the consumer received; tenant domains are text either way. */
    public void write(DeadLetters.Source source, Object key, byte[] value, Exception reason) {
        String text = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : key == null ? null : key.toString();
        try {
            kafka.send(DeadLetters.of(source, text, value, reason)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record of " + source.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            // thrown on, so the consumer retries the poll rather than skip a record that is nowhere
            throw new IllegalStateException("could not dead-letter a record of " + source.topic(), e);
        }
        log.warn("Dead-lettered the record of {} at partition {} offset {}: {}", source.topic(), source.partition(),
                source.offset(), reason.getMessage());
    }

    @Override
    public void close() {
        onClose.run();
    }
}
