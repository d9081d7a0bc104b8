package io.ccagent.stats.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * Which generation of projections is current. Live batches hold the read lock while they write; swapping in a
 * rebuilt generation takes the write lock, so no live batch is half-written into the old generation at the swap.
 * The meta row also names the layout the current generation was written in: a generation of an older layout has to
 * be rebuilt from the topics before its figures are right ({@link #layoutOutdated()}).
 */
@Component
public class StatsStore {

    private static final String GENERATION_ID = "generation";
    private static final String CURRENT = "current";
    private static final String LAYOUT = "layout";

    /**
     * The rows' layout: 2 since each member's availability moved into its queue row and the tenant's queues into a
     * {@code tenant_queues} row; 3 since a queue's hour is spread over {@link Keys#QUEUE_HOUR_SHARDS} rows. Raise it
     * whenever a projection's rows change shape.
     */
    static final int CURRENT_LAYOUT = 3;

    private final MongoDatabase database;
    private final MongoCollection<Document> meta;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Generation current;

    public StatsStore(MongoDatabase database) {
        this.database = database;
        meta = database.getCollection("meta");
        Document saved = meta.find(Filters.eq("_id", GENERATION_ID)).first();
        current = new Generation(database, saved == null ? 0 : saved.getInteger(CURRENT));
        if (saved == null && current.isEmpty()) {
            record(current); // a new store: live consumption writes the current layout from the first record
        }
    }

    /** Whether the current generation was written in an older layout than this code reads. */
    public boolean layoutOutdated() {
        Document saved = meta.find(Filters.eq("_id", GENERATION_ID)).first();
        return saved == null || saved.getInteger(LAYOUT, 1) < CURRENT_LAYOUT;
    }

    /** For queries: the generation to read. */
    public Generation current() {
        return current;
    }

    /** Runs one live batch against the current generation. */
    public void writeLive(Consumer<Generation> batch) {
        lock.readLock().lock();
        try {
            batch.accept(current);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** An empty generation after the current one, for a rebuild to fill. */
    public Generation emptyNext() {
        Generation next = new Generation(database, current.number() + 1);
        next.drop(collectionNames());
        return next;
    }

    /**
     * Makes {@code next} current once {@code finalCatchUp} has brought it level with the log, with live
     * consumption paused in between; then drops the old generation.
     */
    public void swap(Generation next, Runnable finalCatchUp) {
        Generation old;
        lock.writeLock().lock();
        try {
            finalCatchUp.run();
            record(next);
            old = current;
            current = next;
        } finally {
            lock.writeLock().unlock();
        }
        old.drop(collectionNames());
    }

    private void record(Generation generation) {
        meta.replaceOne(Filters.eq("_id", GENERATION_ID),
                new Document("_id", GENERATION_ID).append(CURRENT, generation.number()).append(LAYOUT, CURRENT_LAYOUT),
                new ReplaceOptions().upsert(true));
    }

    private Set<String> collectionNames() {
        return database.listCollectionNames().into(new HashSet<>());
    }
}
