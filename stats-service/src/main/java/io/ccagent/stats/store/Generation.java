package io.ccagent.stats.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.util.List;
import java.util.Set;

/**
 * One complete set of projection collections. Live consumption writes the current generation; a rebuild fills
 * the next one from the start of the topics and then swaps it in.
 */
public final class Generation {

    /** Collections of older layouts, dropped with their generation. */
    private static final List<String> RETIRED = List.of("availability");

    private final MongoDatabase database;
    private final String prefix;
    private final int number;
    private final MongoCollection<Document> calls;
    private final MongoCollection<Document> wrapUps;
    private final MongoCollection<Document> agentHours;
    private final MongoCollection<Document> agents;
    private final MongoCollection<Document> queueHours;
    private final MongoCollection<Document> queues;
    private final MongoCollection<Document> queueWaiting;
    private final MongoCollection<Document> tenantQueues;

    Generation(MongoDatabase database, int number) {
        this.number = number;
        prefix = "g" + number + "_";
        this.database = database;
        calls = database.getCollection(prefix + "calls");
        wrapUps = database.getCollection(prefix + "wrap_ups");
        agentHours = database.getCollection(prefix + "agent_hours");
        agents = database.getCollection(prefix + "agents");
        queueHours = database.getCollection(prefix + "queue_hours");
        queues = database.getCollection(prefix + "queues");
        queueWaiting = database.getCollection(prefix + "queue_waiting");
        tenantQueues = database.getCollection(prefix + "tenant_queues");
    }

    public int number() {
        return number;
    }

    /** Per-call facts (detail), keyed by tenant and call id. */
    public MongoCollection<Document> calls() {
        return calls;
    }

    /** Wrap-up start and end per agent and call (detail). */
    public MongoCollection<Document> wrapUps() {
        return wrapUps;
    }

    /** Per agent and UTC hour: the agent's calls, missed offers, status and queue-login changes (aggregate). */
    public MongoCollection<Document> agentHours() {
        return agentHours;
    }

    /** Per agent: the latest time zone. */
    public MongoCollection<Document> agents() {
        return agents;
    }

    /** Per queue and UTC hour: the calls that arrived in it (aggregate). */
    public MongoCollection<Document> queueHours() {
        return queueHours;
    }

    /** Per queue: name, zone, members and their latest availability in the queue. */
    public MongoCollection<Document> queues() {
        return queues;
    }

    /** Per queue: the callers waiting now. */
    public MongoCollection<Document> queueWaiting() {
        return queueWaiting;
    }

    /** Per tenant: its queues. */
    public MongoCollection<Document> tenantQueues() {
        return tenantQueues;
    }

    /** Whether no projection has written a row into this generation yet. */
    boolean isEmpty() {
        return all().stream().allMatch(collection -> collection.find().limit(1).first() == null);
    }

    List<MongoCollection<Document>> all() {
        return List.of(calls, wrapUps, agentHours, agents, queueHours, queues, queueWaiting, tenantQueues);
    }

    /** Drops the collections that exist (dropping a missing one is an error on some MongoDB-compatible stores). */
    void drop(Set<String> existing) {
        all().stream().filter(collection -> existing.contains(collection.getNamespace().getCollectionName()))
                .forEach(MongoCollection::drop);
        RETIRED.stream().map(name -> prefix + name).filter(existing::contains)
                .forEach(name -> database.getCollection(name).drop());
    }
}
