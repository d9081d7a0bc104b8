package io.ccagent.queue.callers;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.queue.projection.OffsetGuardedWrite;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Callers waiting per queue, folded from the router's {@code queue.CallerWaiting} / {@code queue.CallerLeft} facts.
 * A caller who left keeps its row, marked as no longer waiting, so a redelivered arrival cannot bring it back.
 */
@Component
public class CallerRows {

    record Caller(String call, String callerNumber, String callerName, Instant since) {
    }

    private final MongoCollection<Document> rows;

    CallerRows(MongoDatabase database) {
        this.rows = database.getCollection("callers");
        rows.createIndex(Indexes.ascending("queue", "waiting", "since"));
    }

    void apply(Envelope envelope, long offset) {
        if (envelope.data() instanceof CallerWaiting waiting) {
            OffsetGuardedWrite.apply(rows, id(waiting.queue(), waiting.call()), offset, new Document()
                    .append("tenant", waiting.tenant().domain())
                    .append("queue", waiting.queue().toString())
                    .append("call", waiting.call().value())
                    .append("callerNumber", waiting.callerNumber())
                    .append("callerName", waiting.callerName())
                    .append("since", Date.from(waiting.since()))
                    .append("waiting", true));
        } else if (envelope.data() instanceof CallerLeft left) {
            OffsetGuardedWrite.apply(rows, id(left.queue(), left.call()), offset, new Document()
                    .append("tenant", left.tenant().domain())
                    .append("queue", left.queue().toString())
                    .append("call", left.call().value())
                    .append("waiting", false)
                    .append("leftBecause", left.reason().name()));
        }
    }

    /** How many callers wait in the queue now. */
    public long waitingIn(QueueId queue) {
        return rows.countDocuments(waitingFilter(queue));
    }

    /** The callers of the queue, longest-waiting first. */
    List<Caller> waiting(QueueId queue) {
        List<Caller> result = new ArrayList<>();
        for (Document row : rows.find(waitingFilter(queue)).sort(Sorts.ascending("since", OffsetGuardedWrite.OFFSET))) {
            result.add(new Caller(row.getString("call"), row.getString("callerNumber"), row.getString("callerName"),
                    row.getDate("since").toInstant()));
        }
        return result;
    }

    boolean isWaiting(QueueId queue, CallId call) {
        return rows.countDocuments(Filters.and(Filters.eq("_id", id(queue, call)), Filters.eq("waiting", true))) > 0;
    }

    private static Bson waitingFilter(QueueId queue) {
        return Filters.and(Filters.eq("queue", queue.toString()), Filters.eq("waiting", true));
    }

    private static String id(QueueId queue, CallId call) {
        return queue + "|" + call.value();
    }
}
