package io.ccagent.stats.ingest;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.BulkWriteOptions;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.PathUpdates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Projects {@code call.events}: merges each call's facts into its call record, then rewrites the call's row in the
 * agent's day, in the queue's hour and in the queue's callers-waiting map from the whole record. Missed offers are
 * stored under their own event id. The rows are written before the record, so a crash in between is repaired by
 * the redelivered batch. Each queue hour written also gets a new version token ({@code v}: the batch's last event
 * id), so readers may cache what they computed from an hour until it changes.
 */
@Component
public class CallProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates agentDays = new PathUpdates();
        PathUpdates queueHours = new PathUpdates();
        PathUpdates queues = new PathUpdates();
        Map<String, List<Envelope>> byCall = new LinkedHashMap<>();
        for (Envelope envelope : events) {
            if (envelope.data() instanceof OfferNotAnswered missed && missed.queue() != null) {
                long time = envelope.time().toEpochMilli();
                String day = dayRow(agentDays, missed.agent().toString(), time);
                agentDays.set(day, "m." + envelope.id(), new Document("t", time).append("q", missed.queue().toString()));
            } else if (CallRecord.isLifecycle(envelope)) {
                byCall.computeIfAbsent(Keys.call(envelope.key(), ((CallEvent) envelope.data()).call().value()),
                        ignored -> new ArrayList<>()).add(envelope);
            }
        }
        Map<String, Document> stored = new LinkedHashMap<>();
        if (!byCall.isEmpty()) {
            generation.calls().find(Filters.in("_id", byCall.keySet())).forEach(doc -> stored.put(doc.getString("_id"), doc));
        }
        List<ReplaceOneModel<Document>> records = new ArrayList<>(byCall.size());
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        byCall.forEach((id, callEvents) -> {
            Envelope first = callEvents.get(0);
            CallRecord record = CallRecord.of(first.key(), ((CallEvent) first.data()).call().value(), stored.get(id));
            callEvents.forEach(record::merge);
            Document document = project(record, first.key(), agentDays, queueHours, queues);
            records.add(new ReplaceOneModel<>(Filters.eq("_id", id), document, upsert));
        });
        agentDays.writeTo(generation.agentDays());
        queueHours.setOnEach("v", events.get(events.size() - 1).id().toString()).writeTo(generation.queueHours());
        queues.writeTo(generation.queues());
        if (!records.isEmpty()) {
            generation.calls().bulkWrite(records, new BulkWriteOptions().ordered(false));
        }
    }

    private static Document project(CallRecord record, String tenant, PathUpdates agentDays, PathUpdates queueHours,
                                    PathUpdates queues) {
        String callField = "c." + Keys.field(record.call());
        Long start = record.start();
        String agent = record.agent();
        String agentDay = null;
        if (start != null && agent != null) {
            agentDay = dayRow(agentDays, agent, start);
            agentDays.set(agentDay, callField, record.agentEntry());
        }
        unsetIfMoved(agentDays, record.storedAgentDay(), agentDay, callField);

        String queue = record.queue();
        String queueHour = null;
        if (queue != null) {
            long hour = Keys.utcHourStart(start);
            queueHour = Keys.queueHour(queue, hour);
            queueHours.set(queueHour, "qu", queue).set(queueHour, "h", hour).set(queueHour, callField, record.queueEntry());
        }
        unsetIfMoved(queueHours, record.storedQueueHour(), queueHour, callField);

        String waitingIn = record.waitingIn();
        String waitField = "w." + Keys.field(record.call());
        if (waitingIn != null) {
            queues.set(waitingIn, "tn", tenant).set(waitingIn, waitField, start);
        }
        unsetIfMoved(queues, record.storedWaitingQueue(), waitingIn, waitField);
        return record.toDocument(agentDay, queueHour, waitingIn);
    }

    private static void unsetIfMoved(PathUpdates updates, String before, String now, String path) {
        if (before != null && !Objects.equals(before, now)) {
            updates.unset(before, path);
        }
    }

    static String dayRow(PathUpdates agentDays, String agent, long time) {
        var date = Keys.utcDate(time);
        String id = Keys.agentDay(agent, date);
        agentDays.set(id, "ag", agent).set(id, "day", date.toString());
        return id;
    }
}
