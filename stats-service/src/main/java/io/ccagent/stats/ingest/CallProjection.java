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
import io.ccagent.stats.store.Rows.AgentHour;
import io.ccagent.stats.store.Rows.Missed;
import io.ccagent.stats.store.Rows.QueueHour;
import io.ccagent.stats.store.Rows.Waiting;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Projects {@code call.events}: merges each call's facts into its call record, then rewrites the call's entry in the
 * agent's hour, in the queue's hour and in the queue's callers-waiting row from the whole record. Missed offers are
 * stored under their own event id in the agent's hour. The rows are written before the record, so a crash in between is repaired by
 * the redelivered batch. Each queue hour written also gets a new version token ({@code v}: the batch's last event
 * id), so readers may cache what they computed from an hour until it changes.
 */
@Component
public class CallProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates agentHours = new PathUpdates();
        PathUpdates queueHours = new PathUpdates();
        PathUpdates waiting = new PathUpdates();
        Map<String, List<Envelope>> byCall = new LinkedHashMap<>();
        for (Envelope envelope : events) {
            if (envelope.data() instanceof OfferNotAnswered missed && missed.queue() != null) {
                long time = envelope.time().toEpochMilli();
                String hour = hourRow(agentHours, missed.agent().toString(), time);
                agentHours.set(hour, AgentHour.MISSED + "." + envelope.id(),
                        new Document(Missed.TIME, time).append(Missed.QUEUE, missed.queue().toString()));
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
            Document document = project(record, agentHours, queueHours, waiting);
            records.add(new ReplaceOneModel<>(Filters.eq("_id", id), document, upsert));
        });
        agentHours.writeTo(generation.agentHours());
        queueHours.setOnEach(QueueHour.VERSION, events.get(events.size() - 1).id().toString())
                .writeTo(generation.queueHours());
        waiting.writeTo(generation.queueWaiting());
        if (!records.isEmpty()) {
            generation.calls().bulkWrite(records, new BulkWriteOptions().ordered(false));
        }
    }

    private static Document project(CallRecord record, PathUpdates agentHours, PathUpdates queueHours,
                                    PathUpdates waiting) {
        String callField = AgentHour.CALLS + "." + Keys.field(record.call());
        Long start = record.start();
        String agent = record.agent();
        String agentHour = null;
        if (start != null && agent != null) {
            agentHour = hourRow(agentHours, agent, start);
            agentHours.set(agentHour, callField, record.agentEntry());
        }
        unsetIfMoved(agentHours, record.storedAgentHour(), agentHour, callField);

        String queue = record.queue();
        String queueHour = null;
        String queueField = QueueHour.CALLS + "." + Keys.field(record.call());
        if (queue != null) {
            long hour = Keys.utcHourStart(start);
            queueHour = Keys.queueHour(queue, hour, record.call());
            queueHours.set(queueHour, QueueHour.QUEUE, queue).set(queueHour, QueueHour.HOUR, hour)
                    .set(queueHour, queueField, record.queueEntry());
        }
        unsetIfMoved(queueHours, record.storedQueueHour(), queueHour, queueField);

        String waitingIn = record.waitingIn();
        String waitField = Waiting.CALLERS + "." + Keys.field(record.call());
        if (waitingIn != null) {
            waiting.set(waitingIn, waitField, start);
        }
        unsetIfMoved(waiting, record.storedWaitingQueue(), waitingIn, waitField);
        return record.toDocument(agentHour, queueHour, waitingIn);
    }

    private static void unsetIfMoved(PathUpdates updates, String before, String now, String path) {
        if (before != null && !Objects.equals(before, now)) {
            updates.unset(before, path);
        }
    }

    /** The agent's hour row that {@code time} falls in, created with its agent and hour if new. */
    static String hourRow(PathUpdates agentHours, String agent, long time) {
        long hour = Keys.utcHourStart(time);
        String id = Keys.agentHour(agent, hour);
        agentHours.set(id, AgentHour.AGENT, agent).set(id, AgentHour.HOUR, hour);
        return id;
    }
}
