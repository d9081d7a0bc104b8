package io.ccagent.infra.embedded.mvstore;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.ccagent.infra.embedded.EmbeddedMongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistent embedded server through the real MongoDB driver: what is stored, found and kept across restarts. */
class PersistentStoreIT {

    @TempDir
    Path dataDir;

    @Test
    void everyValueTypeTheServicesStoreReadsBackUnchangedAfterARestart() {
        Document stored = new Document("_id", new ObjectId())
                .append("text", "Dana Díaz ☎")
                .append("int", 42)
                .append("long", 1L << 53)
                .append("double", 2.5)
                .append("flag", true)
                .append("nothing", null)
                .append("when", new Date(1_764_000_000_000L))
                .append("binary", new Binary(new byte[]{1, 2, 3}))
                .append("list", List.of(1, "two", new Document("three", 3)))
                .append("nested", new Document("queue", "sales").append("members", List.of("1001", "1002")));
        withServer(documents -> documents.insertOne(stored));

        withServer(documents -> assertThat(documents.find().first()).isEqualTo(stored));
    }

    @Test
    void aNonUniqueIndexFindsExactlyTheDocumentsOfItsKeyThroughUpdatesDeletesAndRestarts() {
        withServer(documents -> {
            documents.createIndex(Indexes.ascending("tenant"));
            for (int i = 0; i < 30; i++) {
                documents.insertOne(new Document("_id", "agent-" + i).append("tenant", "t" + i % 3));
            }
            documents.updateOne(Filters.eq("_id", "agent-0"), Updates.set("tenant", "t1"));
            documents.deleteOne(Filters.eq("_id", "agent-3"));
        });

        withServer(documents -> {
            assertThat(ids(documents.find(Filters.eq("tenant", "t0")))).hasSize(8).doesNotContain("agent-0", "agent-3");
            assertThat(ids(documents.find(Filters.eq("tenant", "t1")))).hasSize(11).contains("agent-0");
            assertThat(ids(documents.find(Filters.eq("tenant", "t2")))).hasSize(10);
        });
    }

    @Test
    void theUniqueCompoundIndexStillRefusesASecondEventWithTheSameSequenceNumber() {
        withServer(documents -> {
            documents.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                    new IndexOptions().unique(true));
            documents.insertOne(new Document("aggregateIdentifier", "a").append("sequenceNumber", 0L));

            assertThatThrownBy(() -> documents.insertOne(
                    new Document("aggregateIdentifier", "a").append("sequenceNumber", 0L)))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
        });
    }

    /**
     * The server updates a matched document field by field; the store writes its pages from another thread (MVStore's
     * background writer, here a thread committing in a loop). Both must never see the same document object.
     */
    @Test
    void updatesNeverChangeADocumentWhileTheStoreWritesIt() throws Exception {
        MVStore store = MvStoreBackend.openStore(dataDir.resolve("mongo.mv"), 16);
        MongoServer server = new MongoServer(new MvStoreBackend(store));
        server.bind("127.0.0.1", 0);
        AtomicBoolean updating = new AtomicBoolean(true);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (updating.get()) {
                    store.commit();
                }
            } catch (Throwable failure) {
                writerFailure.set(failure);
            }
        });
        int rounds = 2_000;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> documents = collection(client);
            for (int d = 0; d < 4; d++) {
                documents.insertOne(new Document("_id", "queue-" + d).append("round", 0));
            }
            writer.start();
            for (int round = 1; round <= rounds && writerFailure.get() == null; round++) {
                String member = "agent-" + round % 200;
                // a field added and one removed each round, so the document's own map is resized while in place
                String leaving = "agent-" + (round + 100) % 200;
                documents.updateOne(Filters.eq("_id", "queue-" + round % 4), Updates.combine(
                        Updates.set("round", round), Updates.set(member, round), Updates.unset(leaving)));
                documents.findOneAndUpdate(Filters.eq("_id", "queue-" + (round + 1) % 4), Updates.inc("changes", 1));
            }
        } finally {
            updating.set(false);
            writer.join();
            server.shutdownNow();
            store.close();
        }
        assertThat(writerFailure.get()).as("the store's writer").isNull();

        withServer(documents -> {
            assertThat(documents.find(Filters.eq("_id", "queue-0")).first()).containsEntry("round", rounds);
            assertThat(documents.find().map(document -> document.getInteger("changes")).into(new ArrayList<>()))
                    .containsOnly(rounds / 4);
        });
    }

    @Test
    void writesAreKeptOnceAndTheOplogOfAnEarlierVersionIsDroppedOnOpen() {
        MVStore store = MvStoreBackend.openStore(dataDir.resolve("mongo.mv"), 16);
        MongoServer earlier = new MongoServer(new MvStoreBackend(store));
        earlier.enableOplog();
        earlier.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + earlier.getLocalAddress().getPort())) {
            collection(client).insertOne(new Document("_id", "agent-1").append("status", "ONLINE"));
            assertThat(client.getDatabase("local").listCollectionNames().into(new ArrayList<>())).contains("oplog.rs");
        } finally {
            earlier.shutdownNow();
            store.close();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            collection(client).updateOne(Filters.eq("_id", "agent-1"), Updates.set("status", "LUNCH"));
            collection(client).insertOne(new Document("_id", "agent-2"));
            assertThat(collection(client).countDocuments()).isEqualTo(2);
            assertThat(client.getDatabase("local").listCollectionNames().into(new ArrayList<>())).isEmpty();
        }
        MVStore reopened = MvStoreBackend.openStore(dataDir.resolve("mongo.mv"), 16);
        try {
            assertThat(reopened.getMapNames()).isNotEmpty().noneMatch(name -> name.contains("oplog"));
        } finally {
            reopened.close();
        }
    }

    /** The reference is the in-memory server, which answers every query by reading every document. */
    @Test
    void queriesAnsweredFromIndexesReturnExactlyWhatAFullScanReturns() {
        Random random = new Random(20261129);
        try (EmbeddedMongoServer persistent = EmbeddedMongoServer.persistent(dataDir, 0);
             EmbeddedMongoServer reference = EmbeddedMongoServer.inMemory(0);
             MongoClient indexed = MongoClients.create(persistent.connectionString());
             MongoClient scanned = MongoClients.create(reference.connectionString())) {
            List<MongoCollection<Document>> both = List.of(collection(indexed), collection(scanned));
            for (MongoCollection<Document> documents : both) {
                documents.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                        new IndexOptions().unique(true));
                documents.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
                documents.createIndex(Indexes.ascending("tenant"));
                documents.createIndex(Indexes.ascending("tenant", "_id"));
                documents.createIndex(Indexes.ascending("tenant", "tags"));
                documents.createIndex(Indexes.ascending("tags"));
            }
            for (int i = 0; i < 600; i++) {
                Document event = randomEvent(random, i);
                both.forEach(documents -> documents.insertOne(new Document(event)));
                if (i % 10 == 9) {
                    Bson change = Filters.eq("_id", "e" + random.nextInt(i));
                    Bson update = Updates.set("tenant", "t" + random.nextInt(4));
                    both.forEach(documents -> documents.updateOne(change, update));
                    Bson removal = Filters.eq("_id", "e" + random.nextInt(i));
                    both.forEach(documents -> documents.deleteOne(removal));
                }
            }
            for (int q = 0; q < 400; q++) {
                Bson filter = randomFilter(random);
                assertThat(ids(both.get(0).find(filter).sort(Sorts.ascending("_id"))))
                        .as("%s", filter)
                        .isEqualTo(ids(both.get(1).find(filter).sort(Sorts.ascending("_id"))));
                // in an index's order, read in small batches or up to a limit, as Axon's event store reads
                Bson order = random.nextBoolean() ? Sorts.ascending("sequenceNumber")
                        : Sorts.ascending("timestamp", "sequenceNumber");
                int batch = 1 + random.nextInt(40);
                int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(20) : 0;
                assertThat(ids(both.get(0).find(filter).sort(order).batchSize(batch).limit(limit)))
                        .as("%s sorted by %s in batches of %d, limit %d", filter, order, batch, limit)
                        .isEqualTo(ids(both.get(1).find(filter).sort(order).limit(limit)));
                // a page in _id order, and counts (the driver's countDocuments is an aggregation)
                int skip = random.nextInt(40);
                assertThat(ids(both.get(0).find(filter).sort(Sorts.ascending("_id")).skip(skip).limit(10)))
                        .as("%s in _id order from %d", filter, skip)
                        .isEqualTo(ids(both.get(1).find(filter).sort(Sorts.ascending("_id")).skip(skip).limit(10)));
                CountOptions window = new CountOptions().skip(random.nextInt(3) * skip).limit(random.nextInt(3) * 7);
                assertThat(both.get(0).countDocuments(filter, window))
                        .as("count of %s, skip %d, limit %d", filter, window.getSkip(), window.getLimit())
                        .isEqualTo(both.get(1).countDocuments(filter, window));
            }
        }
    }

    @Test
    void aDataFileOfTheStockH2BackendIsConvertedWithItsDocumentsAndIndexes() {
        MongoServer stock = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        stock.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + stock.getLocalAddress().getPort())) {
            MongoCollection<Document> documents = collection(client);
            documents.createIndex(Indexes.ascending("extension"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                documents.insertOne(new Document("_id", UUID.nameUUIDFromBytes(new byte[]{(byte) i}).toString())
                        .append("extension", String.valueOf(1000 + i)));
            }
        } finally {
            stock.shutdown();
        }

        withServer(documents -> {
            assertThat(documents.countDocuments()).isEqualTo(50);
            assertThat(documents.find(Filters.eq("extension", "1007")).first()).isNotNull();
            assertThatThrownBy(() -> documents.insertOne(new Document("extension", "1007")))
                    .isInstanceOf(MongoWriteException.class);
        });
        withServer(documents -> assertThat(documents.find(Filters.eq("extension", "1049")).first()).isNotNull());
    }

    private static Document randomEvent(Random random, int i) {
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(3); t > 0; t--) {
            tags.add("tag" + random.nextInt(5));
        }
        return new Document("_id", "e" + i)
                .append("aggregateIdentifier", "agent-" + random.nextInt(20))
                .append("sequenceNumber", random.nextBoolean() ? (Object) (long) i : (Object) i)
                .append("timestamp", "2026-11-29T16:%02d:%02dZ".formatted(random.nextInt(60), random.nextInt(60)))
                .append("tenant", "t" + random.nextInt(4))
                .append("tags", tags);
    }

    private static Bson randomFilter(Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> Filters.and(Filters.eq("aggregateIdentifier", "agent-" + random.nextInt(20)),
                    Filters.gte("sequenceNumber", random.nextInt(600)));
            case 1 -> Filters.gte("timestamp", "2026-11-29T16:%02d".formatted(random.nextInt(60)));
            case 2 -> Filters.and(Filters.lt("timestamp", "2026-11-29T16:%02d".formatted(random.nextInt(60))),
                    Filters.eq("tenant", "t" + random.nextInt(4)));
            case 3 -> Filters.eq("tenant", "t" + random.nextInt(5));
            // two indexes could answer: the one fixing more keys does (and the other conditions still hold); without
            // the third condition, counted from that index's entries alone
            case 5 -> random.nextBoolean()
                    ? Filters.and(Filters.eq("tenant", "t" + random.nextInt(4)), Filters.eq("tags", "tag" + random
                    .nextInt(5)), Filters.ne("aggregateIdentifier", null))
                    : random.nextBoolean()
                    ? Filters.and(Filters.eq("tenant", "t" + random.nextInt(4)), Filters.eq("tags", "tag" + random
                    .nextInt(5)))
                    : Filters.and(Filters.eq("tenant", "t" + random.nextInt(4)), Filters.or(Filters.eq("tags", "tag"
                    + random.nextInt(5)), Filters.eq("aggregateIdentifier", "agent-" + random.nextInt(20))));
            case 6 -> Filters.and(Filters.gte("timestamp", "2026-11-29T16:%02d".formatted(random.nextInt(60))),
                    Filters.nin("_id", strings(random, "e", 600)));
            case 7 -> Filters.in("aggregateIdentifier", strings(random, "agent-", 30));
            case 8 -> random.nextBoolean() ? Filters.nin("tags", strings(random, "tag", 8)) // arrays: the server's rules
                    : Filters.in("tags", strings(random, "tag", 8));
            case 9 -> Filters.nin("sequenceNumber", strings(random, "", 600)); // numbers never equal strings
            // by _id, as the services read their rows (some of them removed)
            case 10 -> random.nextBoolean() ? Filters.eq("_id", "e" + random.nextInt(600))
                    : Filters.in("_id", strings(random, "e", 600));
            default -> Filters.and(Filters.eq("aggregateIdentifier", "agent-" + random.nextInt(20)),
                    Filters.gt("sequenceNumber", random.nextDouble() * 600),
                    Filters.lte("sequenceNumber", random.nextInt(600)));
        };
    }

    private static List<String> strings(Random random, String prefix, int bound) {
        List<String> values = new ArrayList<>();
        for (int n = 16 + random.nextInt(200); n > 0; n--) {
            values.add(prefix + random.nextInt(bound));
        }
        return values;
    }

    private void withServer(Consumer<MongoCollection<Document>> use) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            use.accept(collection(client));
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("store-test").getCollection("documents");
    }

    private static List<Object> ids(Iterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
