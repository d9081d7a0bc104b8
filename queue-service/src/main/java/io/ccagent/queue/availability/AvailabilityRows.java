package io.ccagent.queue.availability;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.queue.projection.OffsetGuardedWrite;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Green or red per (agent, queue), folded from the router's {@code queue.AvailabilityChanged} facts. */
@Component
class AvailabilityRows {

    record Row(String agent, String queue, boolean available, UnavailableReason reason, String reasonText,
               Instant until, Instant since) {
    }

    private final MongoCollection<Document> rows;

    AvailabilityRows(MongoDatabase database) {
        this.rows = database.getCollection("availability");
        rows.createIndex(Indexes.ascending("tenant", "agent"));
    }

    void apply(Envelope envelope, long offset) {
        if (envelope.data() instanceof AgentAvailabilityChanged changed) {
            OffsetGuardedWrite.apply(rows, changed.agent() + "|" + changed.queue(), offset, new Document()
                    .append("tenant", changed.tenant().domain())
                    .append("agent", changed.agent().toString())
                    .append("queue", changed.queue().toString())
                    .append("available", changed.available())
                    .append("reason", changed.reason().name())
                    .append("until", changed.until() == null ? null : Date.from(changed.until()))
                    .append("since", Date.from(envelope.time())));
        }
    }

    List<Row> ofAgent(AgentId agent) {
        return find(Filters.and(Filters.eq("tenant", agent.tenant().domain()), Filters.eq("agent", agent.toString())));
    }

    List<Row> ofTenant(Tenant tenant) {
        return find(Filters.eq("tenant", tenant.domain()));
    }

    private List<Row> find(Bson filter) {
        List<Row> result = new ArrayList<>();
        for (Document row : rows.find(filter).sort(Sorts.ascending("agent", "queue"))) {
            UnavailableReason reason = UnavailableReason.valueOf(row.getString("reason"));
            Date until = row.getDate("until");
            result.add(new Row(row.getString("agent"), row.getString("queue"), row.getBoolean("available"), reason,
                    reason.description(), until == null ? null : until.toInstant(), row.getDate("since").toInstant()));
        }
        return result;
    }
}
