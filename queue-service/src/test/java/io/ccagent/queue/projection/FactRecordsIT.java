package io.ccagent.queue.projection;

import io.ccagent.badinput.kafka.DeadLetterWriter;
import io.ccagent.badinput.kafka.DeadLetters;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real broker: a projection's poll holding a record of a type it does not handle skips it from its ce_type header
 * without decoding it (its body is not even JSON, yet nothing is dead-lettered), while an unreadable record of a
 * handled type goes to the dead-letter topic and the valid one is decoded.
 */
class FactRecordsIT {

    private static final Tenant TENANT = Tenant.of("skip-" + UUID.randomUUID().toString().substring(0, 8) + ".test");

    private final Infrastructure infrastructure = SharedInfrastructure.get();
    private final EnvelopeCodec codec = new EnvelopeCodec();
    /**
     * A topic of this test's own: on queue.facts itself, a queue-service context another IT left running in this JVM
     * would dead-letter the unreadable record too.
     */
    private final String topic = "fact-records-it-" + UUID.randomUUID();

    @Test
    void recordsOfOtherTypesAreSkippedUndecodedAndOnlyUnreadableHandledOnesAreDeadLettered() throws Exception {
        String handled = EventTypes.of(AgentAvailabilityChanged.class).name();
        byte[] notJson = "\u0000 not an envelope".getBytes(StandardCharsets.UTF_8);
        Envelope valid = Envelope.of(UUID.randomUUID(), Instant.now(), null, new AgentAvailabilityChanged(
                AgentId.of("1002", TENANT), List.of(new AgentAvailabilityChanged.QueueAvailability(
                        QueueId.of("8001", TENANT), true, UnavailableReason.NONE, null))));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1),
                    new NewTopic(Topics.deadLetter(topic), 1, (short) 1))).all().get();
        }
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer()));
        send(kafka, notJson, "queue.SomethingNewer");
        send(kafka, notJson, handled);
        send(kafka, codec.encode(valid), handled);

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Envelope> decoded = new FactRecords(codec, new DeadLetterWriter(kafka), meters).decode(readOurs(topic, 3),
                Set.of(handled));
        kafka.flush();

        assertThat(decoded).extracting(Envelope::id).containsExactly(valid.id());
        assertThat(meters.counter("cca.queue.projection.skipped", "topic", topic).count()).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> dead = readOurs(Topics.deadLetter(topic), 1);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(notJson);
            assertThat(record.headers().lastHeader(DeadLetters.REASON)).isNotNull();
        });
        kafka.destroy();
    }

    private void send(KafkaTemplate<String, byte[]> kafka, byte[] value, String type) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, TENANT.domain(), value);
        record.headers().add(TypeHeader.NAME, type.getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    /** This test's records of the topic (keyed by its tenant), waiting until there are {@code count}. */
    private List<ConsumerRecord<String, byte[]>> readOurs(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> ours = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "skip-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ours.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (TENANT.domain().equals(record.key())) {
                        ours.add(record);
                    }
                }
            }
        }
        return ours;
    }
}
