package io.ccagent.harness.traffic;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.harness.report.Report;
import io.ccagent.harness.system.Http;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the harness, acting as an external PBX, reports call facts: the gateway's HTTP call-event API
 * ({@code POST /api/v1/call-events} with the tenant's API key). While a service is down the same envelope (same id,
 * so the gateway can dedupe) is retried until accepted. If the gateway has no such API, the facts go straight to
 * {@code call.events} instead, and the report says so.
 */
final class CallEventSink implements AutoCloseable {

    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(90);

    private final Http gateway;
    private final String apiKey;
    private final String bootstrapServers;
    private final Report report;
    private final Clock clock;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final AtomicLong retries = new AtomicLong();
    private volatile KafkaProducer<String, byte[]> directProducer;

    CallEventSink(Http gateway, String apiKey, String bootstrapServers, Report report, Clock clock) {
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.bootstrapServers = bootstrapServers;
        this.report = report;
        this.clock = clock;
    }

    /** Sends one fact and returns once the system has accepted it; false if it never did. */
    boolean send(CallEvent event) {
        Envelope envelope = Envelope.of(UUID.randomUUID(), clock.instant(), null, event);
        byte[] body = codec.encode(envelope);
        if (directProducer != null) {
            return produce(envelope, body);
        }
        Instant deadline = clock.instant().plus(GIVE_UP_AFTER);
        while (clock.instant().isBefore(deadline)) {
            Http.Answer answer = gateway.send("POST", "/api/v1/call-events", "application/json", body,
                    Map.of("X-Api-Key", apiKey));
            if (answer.is2xx()) {
                return true;
            }
            if (answer.status() == 404 || answer.status() == 405) {
                switchToKafka(answer);
                return produce(envelope, body);
            }
            if (answer.is4xx()) {
                report.finding("gateway refused a valid %s with %d: %s", envelope.type(), answer.status(),
                        answer.body().length() > 200 ? answer.body().substring(0, 200) : answer.body());
                return false;
            }
            retries.incrementAndGet();
            sleep(Duration.ofMillis(250));
        }
        report.finding("gateway did not accept %s for %s within %ds", envelope.type(), envelope.subject(),
                GIVE_UP_AFTER.toSeconds());
        return false;
    }

    long retries() {
        return retries.get();
    }

    boolean viaKafka() {
        return directProducer != null;
    }

    private synchronized void switchToKafka(Http.Answer answer) {
        if (directProducer != null) {
            return;
        }
        report.finding("gateway has no call-event API (POST /api/v1/call-events answered %d); the harness writes "
                + "its call facts straight to %s instead", answer.status(), Topics.CALL_EVENTS);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        directProducer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private boolean produce(Envelope envelope, byte[] body) {
        try {
            directProducer.send(new ProducerRecord<>(Topics.CALL_EVENTS, envelope.key(), body)).get();
            return true;
        } catch (ExecutionException e) {
            report.finding("could not write %s to Kafka: %s", envelope.type(), e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (directProducer != null) {
            directProducer.close();
        }
    }
}
