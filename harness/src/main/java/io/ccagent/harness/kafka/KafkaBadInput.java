package io.ccagent.harness.kafka;

import io.ccagent.contracts.Topics;
import io.ccagent.harness.report.Report;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Publishes every kind of bad record, then a valid one, on each topic, and checks from outside that each consumer group
 * (a) dead-lettered the bad ones on {@code <topic>.dlq} and (b) kept going: its committed offset moved past the valid
 * record that came after the garbage.
 */
public final class KafkaBadInput {

    private static final String PROBE_HEADER = "harness-probe";

    private final String bootstrapServers;
    private final Report report;
    private final Duration patience;
    private int inputsTried;

    public KafkaBadInput(String bootstrapServers, Report report, Duration patience) {
        this.bootstrapServers = bootstrapServers;
        this.report = report;
        this.patience = patience;
    }

    /** One published probe: where it landed. */
    private record Sent(ProbeRecords.Probe probe, String marker, TopicPartition partition, long offset) {
    }

    public int run() {
        report.section("Bad input: Kafka records on every topic");
        String runId = UUID.randomUUID().toString().substring(0, 8);
        ProbeRecords records = new ProbeRecords(runId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             KafkaProducer<String, byte[]> producer = producer()) {
            for (String topic : Topics.ALL) {
                Set<String> groups = consumingGroups(admin, topic);
                List<Sent> sent = publish(producer, topic, records.forTopic(topic), runId);
                inputsTried += sent.size();
                report.line("%s: %d records published (%s), consumer groups: %s", topic, sent.size(),
                        sent.stream().map(s -> s.probe().kind()).collect(Collectors.joining(", ")),
                        groups.isEmpty() ? "none" : groups);
                if (groups.isEmpty()) {
                    report.finding("%s: no consumer group is consuming it, so nothing can be checked", topic);
                    continue;
                }
                checkProgress(admin, topic, groups, sent);
                checkDeadLetters(topic, groups, sent);
            }
        } catch (ExecutionException e) {
            report.finding("Kafka probe could not talk to the broker: %s", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report.line("Kafka inputs tried: %d", inputsTried);
        return inputsTried;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private List<Sent> publish(KafkaProducer<String, byte[]> producer, String topic, List<ProbeRecords.Probe> probes,
                               String runId) throws ExecutionException, InterruptedException {
        List<Sent> sent = new ArrayList<>();
        for (ProbeRecords.Probe probe : probes) {
            String marker = runId + ":" + probe.kind();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, probe.key(), probe.value());
            record.headers().add(PROBE_HEADER, marker.getBytes(StandardCharsets.UTF_8));
            RecordMetadata metadata = producer.send(record).get();
            sent.add(new Sent(probe, marker, new TopicPartition(topic, metadata.partition()), metadata.offset()));
        }
        return sent;
    }

    /** Groups with a member assigned to a partition of the topic (anonymous groups included). */
    private Set<String> consumingGroups(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Collection<ConsumerGroupListing> listings = admin.listConsumerGroups().all().get();
        List<String> ids = listings.stream().map(ConsumerGroupListing::groupId).toList();
        Set<String> groups = new TreeSet<>();
        if (ids.isEmpty()) {
            return groups;
        }
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(ids).all().get();
        descriptions.forEach((id, description) -> {
            for (MemberDescription member : description.members()) {
                if (member.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic))) {
                    groups.add(id);
                }
            }
        });
        return groups;
    }

    /** Every group must commit past the valid record; a group stuck earlier is stuck on the bad record at that offset. */
    private void checkProgress(Admin admin, String topic, Set<String> groups, List<Sent> sent)
            throws ExecutionException, InterruptedException {
        Sent valid = sent.get(sent.size() - 1);
        Instant started = Instant.now();
        Map<String, Long> committed = new TreeMap<>();
        Set<String> waiting = new TreeSet<>(groups);
        while (!waiting.isEmpty() && Instant.now().isBefore(started.plus(patience))) {
            for (String group : List.copyOf(waiting)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata offset = offsets.get(valid.partition());
                long position = offset == null ? -1 : offset.offset();
                committed.put(group, position);
                if (position > valid.offset()) {
                    waiting.remove(group);
                    report.line("  %s group %s kept consuming: committed %d > valid record at %d (%d ms)", topic, group,
                            position, valid.offset(), Duration.between(started, Instant.now()).toMillis());
                }
            }
            sleep(Duration.ofMillis(300));
        }
        for (String group : waiting) {
            long position = committed.getOrDefault(group, -1L);
            String stuckOn = sent.stream().filter(s -> s.partition().equals(valid.partition()) && s.offset() == position)
                    .map(s -> s.probe().kind()).findFirst().orElse("no committed offset on that partition");
            report.finding("%s: group %s did not consume the valid record after the bad ones within %ds "
                    + "(committed offset %d, the record there: %s)", topic, group, patience.toSeconds(), position, stuckOn);
        }
    }

    /** Reads the dead-letter topic and counts, per bad kind, how many copies arrived (one per group is expected). */
    private void checkDeadLetters(String topic, Set<String> groups, List<Sent> sent) {
        String dlq = Topics.deadLetter(topic);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byMarker = readDeadLetters(dlq, sent);
        long anonymous = groups.stream().filter(g -> g.startsWith("anonymous.")).count();
        report.line("  %s: %d group(s) with a dead-letter topic expected to copy each bad record, %d anonymous group(s) "
                + "(no DLQ possible: they must skip bad records and keep going)", topic, groups.size() - anonymous, anonymous);
        for (Sent s : sent) {
            List<ConsumerRecord<byte[], byte[]>> copies = byMarker.getOrDefault(s.marker(), List.of());
            if (!s.probe().mustDeadLetter()) {
                if (!copies.isEmpty()) {
                    report.finding("%s: the VALID record was dead-lettered %d time(s): %s", topic, copies.size(),
                            describe(copies.get(0)));
                }
                continue;
            }
            if (copies.isEmpty()) {
                report.finding("%s: bad record '%s' never reached %s (consumed silently or dropped)", topic,
                        s.probe().kind(), dlq);
            } else {
                report.line("  %s '%s' -> %s x%d %s", topic, s.probe().kind(), dlq, copies.size(), describe(copies.get(0)));
                if (copies.size() < groups.size() - anonymous) {
                    report.finding("%s: bad record '%s' dead-lettered %d time(s) but %d groups with a DLQ consume the "
                            + "topic: a group dropped or swallowed it", topic, s.probe().kind(), copies.size(),
                            groups.size() - anonymous);
                }
            }
        }
    }

    private Map<String, List<ConsumerRecord<byte[], byte[]>>> readDeadLetters(String dlq, List<Sent> sent) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byMarker = new LinkedHashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long expected = sent.stream().filter(s -> s.probe().mustDeadLetter()).count();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(dlq, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(dlq, info.partition())).toList();
            if (partitions.isEmpty()) {
                return byMarker;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (Instant.now().isBefore(deadline) && byMarker.size() < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    markerOf(record, sent).ifPresent(marker ->
                            byMarker.computeIfAbsent(marker, m -> new ArrayList<>()).add(record));
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            report.line("  could not read %s: %s", dlq, e.getMessage());
        }
        return byMarker;
    }

    private static java.util.Optional<String> markerOf(ConsumerRecord<byte[], byte[]> record, List<Sent> sent) {
        Header header = record.headers().lastHeader(PROBE_HEADER);
        if (header != null) {
            return java.util.Optional.of(new String(header.value(), StandardCharsets.UTF_8));
        }
        return sent.stream().filter(s -> record.value() != null && Arrays.equals(record.value(), s.probe().value()))
                .map(Sent::marker).findFirst();
    }

    /**
     * The reason the consumer gave, from the dead-letter headers, so a reader can judge whether it is clear: the
     * codec's own message when the stack trace carries it, else the exception message header.
     */
    private static String describe(ConsumerRecord<byte[], byte[]> record) {
        String message = null;
        for (Header header : record.headers()) {
            String name = header.key().toLowerCase();
            String value = new String(header.value(), StandardCharsets.UTF_8);
            if (name.contains("stacktrace")) {
                java.util.regex.Matcher cause = java.util.regex.Pattern
                        .compile("MalformedEnvelopeException: ([^\\n\\r]+)").matcher(value);
                if (cause.find()) {
                    return "reason: \"" + cause.group(1) + "\"";
                }
            }
            if (name.contains("exception-message") || name.contains("exception_message")) {
                message = value;
            }
        }
        return message == null ? "(no exception headers)"
                : "reason: \"" + (message.length() > 140 ? message.substring(0, 140) + "..." : message) + "\"";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
