package io.ccagent.queue.agentstatus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.Updates;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The current status of every agent, one row per agent, folded from {@code agent.events}. */
@Component
class AgentStatusRows {

    record Row(String agent, String status, Instant since) {
    }

    private final MongoCollection<Document> rows;

    AgentStatusRows(MongoDatabase database) {
        this.rows = database.getCollection("agent_statuses");
        rows.createIndex(Indexes.ascending("tenant"));
    }

    /**
     * One write per agent of the poll, in one bulk write by {@code _id}: the agent's last status change sets the row;
     * a provisioning only creates a row that does not exist yet (Offline).
     */
    void apply(List<Envelope> events) {
        Map<String, WriteModel<Document>> latest = new LinkedHashMap<>();
        for (Envelope envelope : events) {
            if (envelope.data() instanceof AgentStatusChanged changed) {
                String id = changed.agent().toString();
                latest.put(id, new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(
                        Updates.set("tenant", changed.tenant().domain()),
                        Updates.set("agent", id),
                        Updates.set("status", changed.to().name()),
                        Updates.set("since", Date.from(envelope.time()))), new UpdateOptions().upsert(true)));
            } else if (envelope.data() instanceof AgentProvisioned provisioned) {
                String id = provisioned.agent().toString();
                latest.putIfAbsent(id, new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(
                        Updates.setOnInsert("tenant", provisioned.tenant().domain()),
                        Updates.setOnInsert("agent", id),
                        Updates.setOnInsert("status", AgentStatus.OFFLINE.name()),
                        Updates.setOnInsert("since", Date.from(envelope.time()))), new UpdateOptions().upsert(true)));
            }
        }
        if (!latest.isEmpty()) {
            rows.bulkWrite(List.copyOf(latest.values()));
        }
    }

    List<Row> of(Tenant tenant) {
        List<Row> result = new ArrayList<>();
        for (Document row : rows.find(Filters.eq("tenant", tenant.domain())).sort(Sorts.ascending("agent"))) {
            result.add(new Row(row.getString("agent"), row.getString("status"), row.getDate("since").toInstant()));
        }
        return result;
    }
}
