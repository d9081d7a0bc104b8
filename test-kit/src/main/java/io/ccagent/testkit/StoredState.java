package io.ccagent.testkit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a service could have changed for some tenants: every document of its MongoDB database that names one of them
 * (ids carry their tenant: {@code 1002@xyzcorporation.com}, aggregate ids, keys) and the number of Kafka records
 * keyed by them (every record is keyed by its tenant) since this watch started. Other tenants' data is left out, so
 * other tests sharing the database or broker do not disturb it; so is a collection holding none of theirs, which the
 * service may create at any time (a consumer's first record of another tenant, a tracking processor). Equal
 * snapshots: nothing stored, nothing published.
 */
public final class StoredState implements AutoCloseable {

    /** One look at the state. */
    public record Snapshot(Map<String, List<String>> documents, int recordsOfTheTenants) {
    }

    private final String mongoUri;
    private final String database;
    private final Set<String> tenants;
    private final KafkaConsumer<String, byte[]> consumer;
    private int records;

    private StoredState(Infrastructure infrastructure, String database, Set<String> tenants) {
        this.mongoUri = infrastructure.mongoUri();
        this.database = database;
        this.tenants = Set.copyOf(tenants);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "state-watch-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Pattern.compile(".*"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100));
        }
    }

    /** Watches the service's database and every topic for records of these tenants, from now on. */
    public static StoredState watch(Infrastructure infrastructure, String database, Set<String> tenants) {
        return new StoredState(infrastructure, database, tenants);
    }

    public Snapshot take() {
        consumer.poll(Duration.ofMillis(300)).forEach(record -> {
            if (record.key() != null && tenants.contains(record.key().toLowerCase(Locale.ROOT))) {
                records++;
            }
        });
        return new Snapshot(documents(), records);
    }

    private Map<String, List<String>> documents() {
        Map<String, List<String>> all = new TreeMap<>();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase db = client.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                List<String> rows = new ArrayList<>();
                db.getCollection(collection).find().forEach(document -> {
                    String json = document.toJson();
                    if (tenants.stream().anyMatch(json.toLowerCase(Locale.ROOT)::contains)) {
                        rows.add(json);
                    }
                });
                if (!rows.isEmpty()) {
                    rows.sort(String::compareTo);
                    all.put(collection, rows);
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
