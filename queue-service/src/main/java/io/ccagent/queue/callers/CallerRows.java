package io.ccagent.queue.callers;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.wire.Envelope;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Callers waiting per queue, folded from the router's {@code queue.CallerWaiting} / {@code queue.CallerLeft} facts:
 * a caller who leaves is deleted, so the collection holds only who waits now. A redelivered poll replays a
 * caller's waiting and leaving in order and ends deleted again.
 */
@Component
public class CallerRows {

    record Caller(String call, String callerNumber, String callerName, Instant since) {
    }

    private final MongoCollection<Document> rows;

    CallerRows(MongoDatabase database) {
        this.rows = database.getCollection("callers_waiting");
        rows.createIndex(Indexes.ascending("queue"));
    }

    /** The last fact of each caller in the poll, written in one bulk write by {@code _id}. */
    void apply(List<Envelope> facts) {
        Map<String, WriteModel<Document>> latest = new LinkedHashMap<>();
        for (Envelope envelope : facts) {
            if (envelope.data() instanceof CallerWaiting waiting) {
                String id = id(waiting.queue(), waiting.call());
                latest.put(id, new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id)
                        .append("tenant", waiting.tenant().domain())
                        .append("queue", waiting.queue().toString())
                        .append("call", waiting.call().value())
                        .append("callerNumber", waiting.callerNumber())
                        .append("callerName", waiting.callerName())
                        .append("since", Date.from(waiting.since())), new ReplaceOptions().upsert(true)));
            } else if (envelope.data() instanceof CallerLeft left) {
                String id = id(left.queue(), left.call());
                latest.put(id, new DeleteOneModel<>(Filters.eq("_id", id)));
            }
        }
        if (!latest.isEmpty()) {
            rows.bulkWrite(List.copyOf(latest.values()));
        }
    }

    /**
     * How many callers wait in each of the queues now (absent: none), in one query: the rows are only the callers
     * waiting at this moment, so even where the query scans (the embedded store) it reads few.
     */
    public Map<QueueId, Long> waitingIn(List<QueueId> queues) {
        Map<QueueId, Long> counts = new HashMap<>();
        if (!queues.isEmpty()) {
            rows.find(Filters.in("queue", queues.stream().map(QueueId::toString).toList()))
                    .projection(Projections.include("queue"))
                    .forEach(row -> counts.merge(QueueId.parse(row.getString("queue")), 1L, Long::sum));
        }
        return counts;
    }

    /** The callers of the queue, longest-waiting first. */
    List<Caller> waiting(QueueId queue) {
        List<Caller> result = new ArrayList<>();
        for (Document row : rows.find(Filters.eq("queue", queue.toString())).sort(Sorts.ascending("since", "_id"))) {
            result.add(new Caller(row.getString("call"), row.getString("callerNumber"), row.getString("callerName"),
                    row.getDate("since").toInstant()));
        }
        return result;
    }

    boolean isWaiting(QueueId queue, CallId call) {
        return rows.find(Filters.eq("_id", id(queue, call))).first() != null;
    }

    private static String id(QueueId queue, CallId call) {
        return queue + "|" + call.value();
    }
}
