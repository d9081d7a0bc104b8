package io.ccagent.queue.routing;

import io.ccagent.contracts.Topics;
import io.ccagent.queue.QueueSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The router's Kafka clients, and the start-up check that its input topics are co-partitioned. */
@Component
class RouterKafka {

    private final KafkaProperties kafka;
    private final QueueSettings.Routing settings;

    RouterKafka(KafkaProperties kafka, QueueSettings settings) {
        this.kafka = kafka;
        this.settings = settings.routing();
    }

    /**
     * Creates missing router topics (broker default partition count) and refuses to start unless the input topics
     * have equal partition counts: only then is a tenant in the same partition number of each, so that the range
     * assignor's "partition n of every topic to one instance" means "every input of a tenant to one instance".
     */
    void checkTopics() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", String.join(",", kafka.getBootstrapServers())))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Stream.concat(Topics.ROUTER_INPUTS.stream(),
                            Stream.of(Topics.QUEUE_FACTS, Topics.ROUTING_COMMANDS))
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, Optional.empty(), Optional.empty()))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create the router's topics", e.getCause());
                    }
                }
            }
            Map<String, TopicDescription> inputs = describe(admin, Topics.ROUTER_INPUTS);
            Map<String, Integer> counts = inputs.values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, topic -> topic.partitions().size()));
            if (Set.copyOf(counts.values()).size() != 1) {
                throw new IllegalStateException("the router's input topics must have equal partition counts "
                        + "(a tenant must sit in the same partition number of each), found " + counts);
            }
            checkTickLog(admin, existing, counts.values().iterator().next());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not check the router's topics", e.getCause());
        }
    }

    /** The tick log needs a partition for each partition number of the inputs. */
    private static void checkTickLog(Admin admin, Set<String> existing, int partitions)
            throws InterruptedException, ExecutionException {
        if (!existing.contains(TickLog.TOPIC)) {
            try {
                admin.createTopics(List.of(new NewTopic(TickLog.TOPIC, Optional.of(partitions), Optional.empty())))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        int have = describe(admin, List.of(TickLog.TOPIC)).get(TickLog.TOPIC).partitions().size();
        if (have < partitions) {
            throw new IllegalStateException(TickLog.TOPIC + " has " + have + " partitions; the inputs have "
                    + partitions);
        }
    }

    /** Topics just created are not known to every broker at once: asks again for up to 30 s. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // callers wait while a crashed instance's partitions have no router: noticed after this, not the 10 s of
        // the other consumers
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) settings.sessionTimeout().toMillis() / 3);
        // eager, and partition n of every input topic (one set of tenants) to the same instance
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /**
     * The producer of one partition number. Its transactional id names the partition, so the next owner's
     * {@code initTransactions} fences a crashed owner at once and aborts its open transaction, instead of letting
     * read_committed readers wait for the transaction timeout.
     */
    KafkaProducer<String, byte[]> producer(int partition) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalIdPrefix() + partition);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        // A transaction begun right after the last commit finds the coordinator still completing that one: its
        // offsets request (TxnOffsetCommit, which under Kafka 4's transaction protocol also adds the offsets to the
        // transaction) is refused CONCURRENT_TRANSACTIONS and retried after this back-off. The default (100 ms)
        // stalled the routing thread ~100 ms about 200 times a minute even at 50 calls/s (routing benchmark profile).
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        return producer;
    }
}
