package io.ccagent.queue.availability;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.AgentAvailabilityChanged.QueueAvailability;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Green or red per (agent, queue), one row per agent (its {@code _id}) holding all of its queues, as the router's
 * {@code queue.AgentAvailabilityChanged} carries them (or a {@code queue.CallerLeft} for the agent who answered).
 * A queue the agent left ({@code NO_ACTIVE_DEVICE} in the fact that follows the removal) stays listed red until the
 * agent's next change drops it. Rows are read as of now: a wrap-up whose time is up is over, though no fact said so.
 */
@Component
class AvailabilityRows {

    /** {@code reasons} is every reason the agent is red in the queue (the first is {@code reason}). */
    record Row(String agent, String queue, boolean available, UnavailableReason reason, String reasonText,
               List<UnavailableReason> reasons, List<String> reasonTexts, Instant until, Instant since) {
    }

    private final MongoCollection<Document> rows;
    private final Clock clock;

    AvailabilityRows(MongoDatabase database, Clock clock) {
        this.rows = database.getCollection("agent_availability");
        this.clock = clock;
        rows.createIndex(Indexes.ascending("tenant"));
    }

    /** The newest fact of each agent in the poll, written in one bulk replace by {@code _id}. */
    void apply(List<Envelope> facts) {
        Map<String, Document> latest = new LinkedHashMap<>();
        for (Envelope envelope : facts) {
            AgentAvailabilityChanged.of(envelope.data()).ifPresent(changed -> {
                List<Document> queues = new ArrayList<>();
                for (AgentAvailabilityChanged.QueueAvailability queue : changed.queues()) {
                    queues.add(new Document("queue", queue.queue().toString())
                            .append("available", queue.available())
                            .append("reason", queue.reason().name())
                            .append("reasons", queue.reasons().stream().map(Enum::name).toList())
                            .append("until", queue.until() == null ? null : Date.from(queue.until())));
                }
                latest.put(changed.agent().toString(), new Document("_id", changed.agent().toString())
                        .append("tenant", changed.tenant().domain())
                        .append("event", envelope.id().toString())
                        .append("since", Date.from(envelope.time()))
                        .append("queues", queues));
            });
        }
        if (latest.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(latest.size());
        latest.forEach((id, row) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), row,
                new ReplaceOptions().upsert(true))));
        rows.bulkWrite(writes);
    }

    List<Row> ofAgent(AgentId agent) {
        return flatten(rows.find(Filters.eq("_id", agent.toString())));
    }

    List<Row> ofTenant(Tenant tenant) {
        return flatten(rows.find(Filters.eq("tenant", tenant.domain())).sort(Sorts.ascending("_id")));
    }

    /** The rows of these agents only (a wallboard's page), in one query by {@code _id}, ordered by agent. */
    List<Row> ofAgents(Collection<AgentId> agents) {
        if (agents.isEmpty()) {
            return List.of();
        }
        return flatten(rows.find(Filters.in("_id", agents.stream().map(AgentId::toString).toList()))
                .sort(Sorts.ascending("_id")));
    }

    private List<Row> flatten(Iterable<Document> found) {
        Instant now = clock.instant();
        List<Row> result = new ArrayList<>();
        for (Document row : found) {
            Instant since = row.getDate("since").toInstant();
            List<Document> queues = new ArrayList<>(row.getList("queues", Document.class));
            queues.sort((a, b) -> a.getString("queue").compareTo(b.getString("queue")));
            for (Document queue : queues) {
                QueueAvailability written = written(queue);
                QueueAvailability seen = written.asOf(now);
                List<UnavailableReason> reasons = seen.reasons();
                result.add(new Row(row.getString("_id"), queue.getString("queue"), seen.available(), seen.reason(),
                        seen.reason().description(), reasons,
                        reasons.stream().map(UnavailableReason::description).toList(), seen.until(),
                        seen == written ? since : written.until()));
            }
        }
        return result;
    }

    private static QueueAvailability written(Document queue) {
        List<String> reasons = queue.getList("reasons", String.class);
        Date until = queue.getDate("until");
        return new QueueAvailability(QueueId.parse(queue.getString("queue")), queue.getBoolean("available"),
                UnavailableReason.valueOf(queue.getString("reason")), until == null ? null : until.toInstant(),
                reasons == null ? null : reasons.stream().map(UnavailableReason::valueOf).toList());
    }
}
