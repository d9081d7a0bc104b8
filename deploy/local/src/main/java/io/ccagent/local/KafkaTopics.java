package io.ccagent.local;

import io.ccagent.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the platform's topics before any service starts, with the partition count set on purpose rather than
 * left to auto-creation: records are keyed by tenant, so partitions bound how far consumers can scale out.
 */
public final class KafkaTopics {

    private static final int PARTITIONS = 6;

    private KafkaTopics() {
    }

    /** {@code KafkaTopics BOOTSTRAP_SERVERS}: the benchmarks' broker gets the same topics before any service starts. */
    public static void main(String[] args) {
        ensureCreated(args[0]);
    }

    static void ensureCreated(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, PARTITIONS, (short) 1));
                }
                if (!existing.contains(Topics.deadLetter(topic))) {
                    // same count as the topic: the binder dead-letters a record to its original partition number
                    missing.add(new NewTopic(Topics.deadLetter(topic), PARTITIONS, (short) 1));
                }
            }
            admin.createTopics(missing).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
