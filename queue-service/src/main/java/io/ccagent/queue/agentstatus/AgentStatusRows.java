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
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current status of every agent and whether it is on a call, one row per agent, folded from
 * {@code agent.events}: a wallboard shows "On a call" for an Online agent talking, not "Online".
 */
@Component
class AgentStatusRows {

    /** {@code onCall} is the call the agent is on, or null. */
    record Row(String agent, String status, Instant since, String onCall) {
    }

    private final MongoCollection<Document> rows;

    AgentStatusRows(MongoDatabase database) {
        this.rows = database.getCollection("agent_statuses");
        rows.createIndex(Indexes.ascending("tenant"));
    }

    /**
     * One write per agent of the poll, in one bulk write by {@code _id}: each field takes the agent's last value in
     * the poll (status, on-call); a provisioning only fills a row that does not exist yet (Offline).
     */
    void apply(List<Envelope> events) {
        Map<String, AgentChanges> changes = new LinkedHashMap<>();
        for (Envelope envelope : events) {
            if (envelope.data() instanceof AgentStatusChanged changed) {
                changes.computeIfAbsent(changed.agent().toString(), id -> new AgentChanges(changed.tenant()))
                        .set("status", changed.to().name()).set("since", Date.from(envelope.time()));
            } else if (envelope.data() instanceof AgentCallStarted started) {
                changes.computeIfAbsent(started.agent().toString(), id -> new AgentChanges(started.tenant()))
                        .set("onCall", started.call().value());
            } else if (envelope.data() instanceof AgentCallEnded ended) {
                changes.computeIfAbsent(ended.agent().toString(), id -> new AgentChanges(ended.tenant()))
                        .set("onCall", null);
            } else if (envelope.data() instanceof AgentProvisioned provisioned) {
                changes.computeIfAbsent(provisioned.agent().toString(), id -> new AgentChanges(provisioned.tenant()))
                        .onInsert("status", AgentStatus.OFFLINE.name()).onInsert("since", Date.from(envelope.time()));
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        changes.forEach((id, agent) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id), agent.update(id),
                new UpdateOptions().upsert(true))));
        rows.bulkWrite(writes);
    }

    List<Row> of(Tenant tenant) {
        return toRows(rows.find(Filters.eq("tenant", tenant.domain())).sort(Sorts.ascending("agent")));
    }

    /** The rows of these agents only (a wallboard's page), in one query by {@code _id}, ordered by agent. */
    List<Row> of(Collection<AgentId> agents) {
        if (agents.isEmpty()) {
            return List.of();
        }
        return toRows(rows.find(Filters.in("_id", agents.stream().map(AgentId::toString).toList()))
                .sort(Sorts.ascending("agent")));
    }

    private static List<Row> toRows(Iterable<Document> found) {
        List<Row> result = new ArrayList<>();
        for (Document row : found) {
            if (row.getString("status") != null) {
                result.add(new Row(row.getString("agent"), row.getString("status"), row.getDate("since").toInstant(),
                        row.getString("onCall")));
            }
        }
        return result;
    }

    /** The fields one poll sets for one agent: the last value of each wins; insert-only values yield to set ones. */
    private static final class AgentChanges {

        private final Tenant tenant;
        private final Map<String, Object> set = new LinkedHashMap<>();
        private final Map<String, Object> onInsert = new LinkedHashMap<>();

        AgentChanges(Tenant tenant) {
            this.tenant = tenant;
        }

        AgentChanges set(String field, Object value) {
            set.put(field, value);
            return this;
        }

        AgentChanges onInsert(String field, Object value) {
            onInsert.putIfAbsent(field, value);
            return this;
        }

        Bson update(String id) {
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.set("tenant", tenant.domain()));
            updates.add(Updates.set("agent", id));
            set.forEach((field, value) -> updates.add(Updates.set(field, value)));
            onInsert.forEach((field, value) -> {
                if (!set.containsKey(field)) {
                    updates.add(Updates.setOnInsert(field, value));
                }
            });
            return Updates.combine(updates);
        }
    }
}
