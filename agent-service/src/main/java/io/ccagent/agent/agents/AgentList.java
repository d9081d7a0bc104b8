package io.ccagent.agent.agents;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.eventsourcing.BatchEnd;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read model behind agent lists (wallboard, supervisor pages): one document per agent with its current
 * {@link AgentView} as JSON, so listing a tenant is one query instead of one event-stream load per agent. Folded by a
 * tracking processor from the agents' events, one read and one bulk write per batch; each document keeps the sequence
 * number it has folded up to, so a replay or a repeated event changes nothing. Also the source of the
 * {@code cca_agent_agents} gauge (agents by status).
 */
@Component
@ProcessingGroup(AgentList.PROCESSING_GROUP)
public class AgentList {

    static final String PROCESSING_GROUP = "agent-list";

    /** The agent's tenant once provisioned, absent before: the rows of a tenant's list are exactly its rows. */
    private static final String TENANT = "tenant";
    private static final String STATUS = "status";
    private static final String SEQUENCE = "sequence";
    private static final String STATE = "state";
    private static final String VIEW = "view";
    private static final String BATCH = AgentList.class.getName() + ".batch";
    /** The queues the agent is a member of (its view's {@code queues}): a page of one queue's agents reads no view. */
    private static final String QUEUES = "queues";
    /** Whether the agent's status takes queue calls: counted from an index, no view read. */
    private static final String ONLINE = "online";
    /** The index of an older version, replaced by the tenant's ordered one. */
    private static final String OLDER_TENANT_INDEX = "tenant_1";

    private final MongoCollection<Document> agents;
    private final Serializer serializer;
    private final JsonMapper json;

    AgentList(MongoDatabase database, Serializer serializer, JsonMapper json, MeterRegistry meters) {
        this.agents = database.getCollection("agent_list");
        this.serializer = serializer;
        this.json = json;
        // a page is read in _id order from its tenant's (or queue's) index run, and counted from another one
        agents.createIndex(Indexes.ascending(TENANT, "_id"));
        agents.createIndex(Indexes.ascending(TENANT, ONLINE));
        agents.createIndex(Indexes.ascending(QUEUES, "_id"));
        agents.createIndex(Indexes.ascending(QUEUES, ONLINE));
        agents.createIndex(Indexes.ascending(STATUS));
        completeOlderRows();
        for (AgentStatus status : AgentStatus.values()) {
            Gauge.builder("cca.agent.agents", agents, all -> all.countDocuments(Filters.eq(STATUS, status.name())))
                    .description("provisioned agents by current status").tag(STATUS, status.name()).register(meters);
        }
    }

    @EventHandler
    void on(AgentEvent event, DomainEventMessage<?> message) {
        Batch batch = BatchEnd.collected(BATCH, () -> new Batch(currentRows(BatchEnd.payloads(AgentEvent.class))));
        String id = event.agent().toString();
        // preloaded for the whole batch, or (outside a batch) read now
        Document current = batch.rows().containsKey(id) ? batch.rows().get(id)
                : agents.find(Filters.eq("_id", id)).first();
        if (current == null || current.getLong(SEQUENCE) < message.getSequenceNumber()) {
            batch.rows().put(id, folded(event, message, current));
            batch.changed().add(id);
        }
        if (BatchEnd.reached()) {
            if (!batch.changed().isEmpty()) {
                agents.bulkWrite(batch.changed().stream()
                        .map(changed -> new ReplaceOneModel<>(Filters.eq("_id", changed), batch.rows().get(changed),
                                new ReplaceOptions().upsert(true)))
                        .toList());
            }
            batch.changed().clear();
        }
    }

    /** The batch's agents' rows as stored (null: none yet), then as folded so far; the changed ones are written at
     * the batch's end. */
    private record Batch(Map<String, Document> rows, Set<String> changed) {

        Batch(Map<String, Document> rows) {
            this(rows, new LinkedHashSet<>());
        }
    }

    private Map<String, Document> currentRows(List<AgentEvent> events) {
        Map<String, Document> rows = new HashMap<>();
        List<String> ids = events.stream().map(event -> event.agent().toString()).distinct().toList();
        if (!ids.isEmpty()) {
            ids.forEach(id -> rows.put(id, null));
            agents.find(Filters.in("_id", ids)).forEach(row -> rows.put(row.getString("_id"), row));
        }
        return rows;
    }

    private Document folded(AgentEvent event, DomainEventMessage<?> message, Document current) {
        AgentState state = current == null ? new AgentState() : serializer.deserialize(
                new SimpleSerializedObject<>(current.getString(STATE), String.class, AgentState.class.getName(), null));
        state.evolve(event, message.getTimestamp());
        SerializedObject<String> stored = serializer.serialize(state, String.class);
        // a queue can name an agent before it is provisioned: folded from then on, listed once provisioned
        AgentView view = state.provisioned() ? state.view() : null;
        return new Document("_id", event.agent().toString())
                .append(TENANT, view != null ? event.agent().tenant().domain() : null)
                .append(STATUS, view != null ? state.status().name() : null)
                .append(SEQUENCE, message.getSequenceNumber())
                .append(STATE, stored.getData())
                .append(VIEW, view != null ? json.writeValueAsString(view) : null)
                .append(QUEUES, view != null ? view.queues().stream()
                        .map(queue -> queue.queue().toString()).toList() : List.of())
                .append(ONLINE, view != null && state.status().takesQueueCalls());
    }

    @ResetHandler
    void reset() {
        agents.deleteMany(new Document());
    }

    /**
     * Rows written before they carried their queues and online flag get them, once, at start-up; a row of an agent
     * not yet provisioned loses its tenant (it is not listed).
     */
    private void completeOlderRows() {
        for (Document index : agents.listIndexes()) {
            if (OLDER_TENANT_INDEX.equals(index.getString("name"))) {
                agents.dropIndex(OLDER_TENANT_INDEX);
            }
        }
        for (Document row : agents.find(Filters.exists(ONLINE, false))
                .projection(new Document(VIEW, 1).append(STATUS, 1))) {
            List<String> queues = new ArrayList<>();
            if (row.getString(VIEW) != null) {
                json.readTree(row.getString(VIEW)).path(QUEUES).forEach(queue -> queues.add(queue.path("queue")
                        .asString()));
            }
            String status = row.getString(STATUS);
            Document completed = new Document(QUEUES, queues)
                    .append(ONLINE, status != null && AgentStatus.valueOf(status).takesQueueCalls());
            if (status == null) {
                completed.append(TENANT, null);
            }
            agents.updateOne(Filters.eq("_id", row.getString("_id")), new Document("$set", completed));
        }
    }

    /**
     * One page of the tenant's agents (of one queue's members if {@code queue} is given), ordered by agent id, as
     * {@code {page, size, total, online, items}}: {@code total} agents match, {@code online} of them take queue calls,
     * {@code items} are the page's {@link AgentView}s. A page past the last answers the last. Two counts and the
     * page's rows, each from an index (rows of agents not provisioned have neither tenant nor queues): the counts read
     * index entries only, the page reads its own rows.
     */
    public String pageJson(Tenant tenant, QueueId queue, int page, int size) {
        Bson listed = queue == null ? Filters.eq(TENANT, tenant.domain()) : Filters.eq(QUEUES, queue.toString());
        long total = agents.countDocuments(listed);
        long online = agents.countDocuments(Filters.and(listed, Filters.eq(ONLINE, true)));
        long shown = Math.min(page, Math.max(0, (total - 1) / size));
        StringBuilder out = new StringBuilder("{\"page\":").append(shown).append(",\"size\":").append(size)
                .append(",\"total\":").append(total).append(",\"online\":").append(online).append(",\"items\":");
        return appendViews(out, agents.find(listed).sort(Sorts.ascending("_id")).skip((int) (shown * size))
                .limit(size)).append('}').toString();
    }

    /** The tenant's agents as a JSON array of {@link AgentView}s, ordered by agent id. */
    public String listJson(Tenant tenant) {
        return appendViews(new StringBuilder(), agents.find(Filters.eq(TENANT, tenant.domain()))
                .sort(Sorts.ascending("_id"))).toString();
    }

    private static StringBuilder appendViews(StringBuilder out, FindIterable<Document> rows) {
        out.append('[');
        boolean first = true;
        for (Document row : rows.projection(new Document(VIEW, 1))) {
            out.append(first ? "" : ",").append(row.getString(VIEW));
            first = false;
        }
        return out.append(']');
    }
}
