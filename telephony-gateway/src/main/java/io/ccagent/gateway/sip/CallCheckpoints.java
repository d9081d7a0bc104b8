package io.ccagent.gateway.sip;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Calls in flight, written to MongoDB so that a gateway that stopped abruptly can end them when it starts again
 * (their SIP transactions and dialogs died with it, so resuming them is not possible): the caller's INVITE as
 * received, to answer it with 480, and the call's tenant, to report {@code CallEnded(FAILED)}; and the INVITE of
 * every leg still ringing as sent (with its branch), to CANCEL the phone it rings. Writes happen on a thread of their
 * own, in order, never on a SIP thread and never under a call's lock: what SIP threads queued meanwhile goes to
 * MongoDB as one ordered bulk write per collection (a call costs five writes, so one round trip each would be a
 * thousand a second at 200 calls/s).
 */
@Component
class CallCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(CallCheckpoints.class);

    /** A call that was in flight when the gateway stopped. */
    record Checkpoint(String callId, String tenant, String callerInvite, String localTag, boolean answered) {
    }

    /** A leg that was ringing when the gateway stopped: its own Call-ID and its INVITE as sent. */
    record RingingLeg(String sipCallId, String invite) {
    }

    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> ringingLegs;
    private final Clock clock;
    private final BlockingQueue<Write> queued = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean accepting = true;

    /** One write waiting for the writer thread. */
    private record Write(MongoCollection<Document> collection, WriteModel<Document> model) {
    }

    CallCheckpoints(MongoDatabase database, Clock clock) {
        this.checkpoints = database.getCollection("calls_in_flight");
        this.ringingLegs = database.getCollection("legs_in_flight");
        this.clock = clock;
        this.writer = new Thread(this::writeLoop, "call-checkpoints");
        writer.setDaemon(true);
        writer.start();
    }

    void started(Call call) {
        String invite = call.callerRequest.toString();
        String tenant = call.tenant.domain();
        String id = call.id.value();
        String tag = call.localTag;
        write(checkpoints, new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("tenant", tenant)
                .append("invite", invite).append("tag", tag).append("answered", false)
                .append("since", Date.from(clock.instant())), new ReplaceOptions().upsert(true)));
    }

    /** Answered calls are not answered again with 480 after a restart: they are only reported ended. */
    void answered(Call call) {
        String id = call.id.value();
        write(checkpoints, new UpdateOneModel<>(Filters.eq("_id", id), new Document("$set", new Document("answered", true))));
    }

    void ended(Call call) {
        String id = call.id.value();
        write(checkpoints, new DeleteOneModel<>(Filters.eq("_id", id)));
    }

    /** A leg's INVITE went out: {@code invite} is the request as sent, with the branch a CANCEL must repeat. */
    void ringing(Leg leg, String invite) {
        String id = leg.sipCallId;
        String call = leg.call.id.value();
        write(ringingLegs, new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("call", call)
                .append("invite", invite), new ReplaceOptions().upsert(true)));
    }

    /** The leg no longer rings (answered, refused, cancelled and confirmed, timed out). */
    void legEnded(Leg leg) {
        String id = leg.sipCallId;
        write(ringingLegs, new DeleteOneModel<>(Filters.eq("_id", id)));
    }

    /** The legs that were ringing when the previous run of this gateway stopped (read once at start). */
    List<RingingLeg> legsLeftBehind() {
        List<RingingLeg> legs = new ArrayList<>();
        for (Document document : ringingLegs.find()) {
            legs.add(new RingingLeg(document.getString("_id"), document.getString("invite")));
        }
        return legs;
    }

    void forget(RingingLeg leg) {
        ringingLegs.deleteOne(Filters.eq("_id", leg.sipCallId()));
    }

    /** The calls left behind by the previous run of this gateway (read once at start, before new calls arrive). */
    List<Checkpoint> leftBehind() {
        List<Checkpoint> calls = new ArrayList<>();
        for (Document document : checkpoints.find()) {
            calls.add(new Checkpoint(document.getString("_id"), document.getString("tenant"),
                    document.getString("invite"), document.getString("tag"), document.getBoolean("answered", false)));
        }
        return calls;
    }

    void forget(Checkpoint checkpoint) {
        checkpoints.deleteOne(Filters.eq("_id", checkpoint.callId()));
    }

    /** Lets the writes queued so far finish (a clean stop leaves no stale checkpoint behind). */
    void flush() {
        accepting = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(MongoCollection<Document> collection, WriteModel<Document> model) {
        if (accepting) {
            queued.add(new Write(collection, model));
        } else {
            log.debug("gateway stopping: checkpoint not written");
        }
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        while (accepting || !queued.isEmpty()) {
            try {
                Write first = queued.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queued.drainTo(batch);
                Map<MongoCollection<Document>, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
                batch.forEach(write -> byCollection.computeIfAbsent(write.collection(), c -> new ArrayList<>())
                        .add(write.model()));
                byCollection.forEach(CallCheckpoints::bulkWrite);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** In order, so a call's insert, update and delete apply as they happened; a failure loses only checkpoints. */
    private static void bulkWrite(MongoCollection<Document> collection, List<WriteModel<Document>> models) {
        try {
            collection.bulkWrite(models, new BulkWriteOptions().ordered(true));
        } catch (RuntimeException e) {
            log.warn("{} call checkpoints not written: {}", models.size(), e.toString());
        }
    }
}
