package io.ccagent.queue.agentstatus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.queue.projection.OffsetGuardedWrite;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** The current status of every agent, one row per agent, folded from {@code agent.events}. */
@Component
class AgentStatusRows {

    record Row(String agent, String status, Instant since) {
    }

    private final MongoCollection<Document> rows;

    AgentStatusRows(MongoDatabase database) {
        this.rows = database.getCollection("agent_statuses");
        rows.createIndex(Indexes.ascending("tenant", "agent"));
    }

    void apply(Envelope envelope, long offset) {
        if (envelope.data() instanceof AgentStatusChanged changed) {
            OffsetGuardedWrite.apply(rows, changed.agent().toString(), offset, new Document()
                    .append("tenant", changed.tenant().domain())
                    .append("agent", changed.agent().toString())
                    .append("status", changed.to().name())
                    .append("since", Date.from(envelope.time())));
        } else if (envelope.data() instanceof AgentProvisioned provisioned) {
            rows.updateOne(Filters.eq("_id", provisioned.agent().toString()), Updates.combine(
                            Updates.setOnInsert("tenant", provisioned.tenant().domain()),
                            Updates.setOnInsert("agent", provisioned.agent().toString()),
                            Updates.setOnInsert("status", AgentStatus.OFFLINE.name()),
                            Updates.setOnInsert("since", Date.from(envelope.time()))),
                    new UpdateOptions().upsert(true));
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
