package io.ccagent.gateway.sip;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * own, in order, never on a SIP thread and never under a call's lock.
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
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "call-checkpoints");
        thread.setDaemon(true);
        return thread;
    });

    CallCheckpoints(MongoDatabase database, Clock clock) {
        this.checkpoints = database.getCollection("calls_in_flight");
        this.ringingLegs = database.getCollection("legs_in_flight");
        this.clock = clock;
    }

    void started(Call call) {
        String invite = call.callerRequest.toString();
        String tenant = call.tenant.domain();
        String id = call.id.value();
        String tag = call.localTag;
        write(() -> checkpoints.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("tenant", tenant)
                .append("invite", invite).append("tag", tag).append("answered", false)
                .append("since", Date.from(clock.instant())), new ReplaceOptions().upsert(true)));
    }

    /** Answered calls are not answered again with 480 after a restart: they are only reported ended. */
    void answered(Call call) {
        String id = call.id.value();
        write(() -> checkpoints.updateOne(Filters.eq("_id", id), new Document("$set", new Document("answered", true))));
    }

    void ended(Call call) {
        String id = call.id.value();
        write(() -> checkpoints.deleteOne(Filters.eq("_id", id)));
    }

    /** A leg's INVITE went out: {@code invite} is the request as sent, with the branch a CANCEL must repeat. */
    void ringing(Leg leg, String invite) {
        String id = leg.sipCallId;
        String call = leg.call.id.value();
        write(() -> ringingLegs.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("call", call)
                .append("invite", invite), new ReplaceOptions().upsert(true)));
    }

    /** The leg no longer rings (answered, refused, cancelled and confirmed, timed out). */
    void legEnded(Leg leg) {
        String id = leg.sipCallId;
        write(() -> ringingLegs.deleteOne(Filters.eq("_id", id)));
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
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Runnable write) {
        try {
            writer.execute(() -> {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    log.warn("call checkpoint not written: {}", e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("gateway stopping: checkpoint not written");
        }
    }
}
