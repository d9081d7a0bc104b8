package io.ccagent.stats.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Which layout the projections were written in, on an in-process MongoDB wire server. */
class StatsStoreTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        database = client.getDatabase("stats");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void aNewStoreIsWrittenInTheCurrentLayout() {
        assertThat(new StatsStore(database).layoutOutdated()).isFalse();
        assertThat(new StatsStore(database).layoutOutdated()).as("after a restart").isFalse();
    }

    @Test
    void rowsWrittenBeforeLayoutsWereRecordedAreOfAnOlderLayout() {
        database.getCollection("g0_queues").insertOne(new Document("_id", "8001@xyzcorporation.com"));

        assertThat(new StatsStore(database).layoutOutdated()).isTrue();
    }

    @Test
    void aRebuiltGenerationIsOfTheCurrentLayoutAndTheOldOnesRetiredCollectionsAreDropped() {
        database.getCollection("meta").insertOne(new Document("_id", "generation").append("current", 0));
        database.getCollection("g0_availability").insertOne(new Document("_id", "1002@xyzcorporation.com"));
        StatsStore store = new StatsStore(database);
        assertThat(store.layoutOutdated()).isTrue();

        store.swap(store.emptyNext(), () -> { });

        assertThat(store.layoutOutdated()).isFalse();
        assertThat(store.current().number()).isEqualTo(1);
        assertThat(database.listCollectionNames().into(new HashSet<>())).doesNotContain("g0_availability");
    }
}
