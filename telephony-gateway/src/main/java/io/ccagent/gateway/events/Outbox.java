package io.ccagent.gateway.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Call facts on their way to {@code call.events}: handed over in memory by SIP threads, written in batches to the
 * {@code outbox} collection by one journal thread, and relayed in order to Kafka by one relay thread, which deletes
 * each fact once the broker acknowledged it and retries the rest with back-off for as long as the broker is away.
 * Facts left in the collection by a crash are relayed at the next start. Order is the order of hand-over (the
 * collection's {@code _id} is a sequence number), so a call's facts stay in order on its tenant's partition.
 */
@Component
class Outbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int BATCH = 500;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final MongoCollection<Document> journal;
    private final Relay relay;
    private final EnvelopeCodec codec;
    private final BlockingQueue<Envelope> handedOver = new LinkedBlockingQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Object relayWakeUp = new Object();
    private boolean storedSinceLastLook;
    private volatile boolean running;
    private Thread journalThread;
    private Thread relayThread;

    /** Where relayed facts go: Kafka in production. Returns the facts the broker acknowledged. */
    interface Relay {
        Set<Long> send(List<Pending> facts) throws InterruptedException;
    }

    record Pending(long sequence, String key, String type, byte[] payload) {
    }

    Outbox(MongoDatabase database, Relay relay, EnvelopeCodec codec, MeterRegistry meters) {
        this.journal = database.getCollection("outbox");
        this.relay = relay;
        this.codec = codec;
        meters.gaugeCollectionSize("cca.gateway.outbox.handed.over", List.of(), handedOver);
        meters.gauge("cca.gateway.outbox.stored", List.of(), journal, collection -> collection.estimatedDocumentCount());
    }

    /** From any thread, never blocks: the journal thread stores it soon after. */
    void hand(Envelope envelope) {
        handedOver.add(envelope);
    }

    /** Stores the fact now (the caller waits for MongoDB); throws if it cannot be stored. */
    void store(Envelope envelope) {
        journal.insertOne(document(envelope, sequence.incrementAndGet()));
        wakeRelay();
    }

    @Override
    public void start() {
        Document last = journal.find().sort(Sorts.descending("_id")).limit(1).first();
        sequence.set(last == null ? 0 : last.getLong("_id"));
        running = true;
        journalThread = daemon("outbox-journal", this::journalLoop);
        relayThread = daemon("outbox-relay", this::relayLoop);
    }

    /** Stops after the facts handed over so far are stored (relaying them is the next start's work if need be). */
    @Override
    public void stop() {
        running = false;
        try {
            journalThread.join(10_000);
            relayThread.interrupt();
            relayThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server, SIP and the consumers hand facts over, stops after all of them. */
    @Override
    public int getPhase() {
        return 0;
    }

    private void journalLoop() {
        List<Envelope> batch = new ArrayList<>();
        while (running || !handedOver.isEmpty()) {
            try {
                Envelope first = handedOver.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                handedOver.drainTo(batch, BATCH - 1);
                List<Document> documents = batch.stream().map(e -> document(e, sequence.incrementAndGet())).toList();
                insertUntilStored(documents);
                batch.clear();
                wakeRelay();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void insertUntilStored(List<Document> documents) throws InterruptedException {
        Duration wait = FIRST_RETRY;
        while (true) {
            try {
                journal.insertMany(documents);
                return;
            } catch (RuntimeException e) {
                log.warn("outbox: {} call facts not stored yet, retrying in {}: {}", documents.size(), wait, e.toString());
                Thread.sleep(wait.toMillis());
                wait = longer(wait);
            }
        }
    }

    private void relayLoop() {
        Set<Long> acknowledgedNotDeleted = new HashSet<>();
        Duration wait = FIRST_RETRY;
        while (running) {
            try {
                List<Pending> pending = new ArrayList<>();
                for (Document document : journal.find().sort(Sorts.ascending("_id")).limit(BATCH)) {
                    if (!acknowledgedNotDeleted.contains(document.getLong("_id"))) {
                        pending.add(pending(document));
                    }
                }
                if (pending.isEmpty()) {
                    waitForWork();
                    continue;
                }
                Set<Long> acknowledged = relay.send(pending);
                acknowledgedNotDeleted.addAll(acknowledged);
                journal.deleteMany(Filters.in("_id", acknowledgedNotDeleted));
                acknowledgedNotDeleted.clear();
                if (acknowledged.size() < pending.size()) {
                    log.warn("outbox: {} call facts not acknowledged by Kafka, retrying in {}",
                            pending.size() - acknowledged.size(), wait);
                    Thread.sleep(wait.toMillis());
                    wait = longer(wait);
                } else {
                    wait = FIRST_RETRY;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("outbox: relay failed, retrying in {}: {}", wait, e.toString());
                sleepQuietly(wait);
                wait = longer(wait);
            }
        }
    }

    /** Returns at once if facts were stored since the last look (a wake-up is never lost), else within 500 ms. */
    private void waitForWork() throws InterruptedException {
        synchronized (relayWakeUp) {
            if (!storedSinceLastLook) {
                relayWakeUp.wait(500);
            }
            storedSinceLastLook = false;
        }
    }

    private void wakeRelay() {
        synchronized (relayWakeUp) {
            storedSinceLastLook = true;
            relayWakeUp.notifyAll();
        }
    }

    private Document document(Envelope envelope, long seq) {
        return new Document("_id", seq).append("key", envelope.key()).append("type", envelope.type())
                .append("payload", new Binary(codec.encode(envelope)));
    }

    private static Pending pending(Document document) {
        return new Pending(document.getLong("_id"), document.getString("key"), document.getString("type"),
                document.get("payload", Binary.class).getData());
    }

    private static Thread daemon(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
    }

    private static void sleepQuietly(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
