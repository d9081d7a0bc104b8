package io.ccagent.agent.agents;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
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

    private static final String TENANT = "tenant";
    private static final String STATUS = "status";
    private static final String SEQUENCE = "sequence";
    private static final String STATE = "state";
    private static final String VIEW = "view";
    private static final String BATCH = AgentList.class.getName() + ".batch";
    /** The queues the agent is a member of (its view's {@code queues}): a page of one queue's agents reads no view. */
    private static final String QUEUES = "queues";

    private final MongoCollection<Document> agents;
    private final Serializer serializer;
    private final JsonMapper json;

    AgentList(MongoDatabase database, Serializer serializer, JsonMapper json, MeterRegistry meters) {
        this.agents = database.getCollection("agent_list");
        this.serializer = serializer;
        this.json = json;
        // the embedded store uses an index only when a filter names exactly its keys: one index per filter used
        agents.createIndex(Indexes.ascending(TENANT));
        agents.createIndex(Indexes.ascending(STATUS));
        addQueuesToOlderRows();
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
                .append(TENANT, event.agent().tenant().domain())
                .append(STATUS, view != null ? state.status().name() : null)
                .append(SEQUENCE, message.getSequenceNumber())
                .append(STATE, stored.getData())
                .append(VIEW, view != null ? json.writeValueAsString(view) : null)
                .append(QUEUES, view != null ? view.queues().stream()
                        .map(queue -> queue.queue().toString()).toList() : List.of());
    }

    @ResetHandler
    void reset() {
        agents.deleteMany(new Document());
    }

    /** Rows written before they carried their queues get them from their view, once, at start-up. */
    private void addQueuesToOlderRows() {
        for (Document row : agents.find(Filters.exists(QUEUES, false)).projection(new Document(VIEW, 1))) {
            List<String> queues = new ArrayList<>();
            if (row.getString(VIEW) != null) {
                json.readTree(row.getString(VIEW)).path(QUEUES).forEach(queue -> queues.add(queue.path("queue")
                        .asString()));
            }
            agents.updateOne(Filters.eq("_id", row.getString("_id")),
                    new Document("$set", new Document(QUEUES, queues)));
        }
    }

    /**
     * One page of the tenant's agents (of one queue's members if {@code queue} is given), ordered by agent id, as
     * {@code {page, size, total, online, items}}: {@code total} agents match, {@code online} of them take queue calls,
     * {@code items} are the page's {@link AgentView}s. A page past the last answers the last. Two queries whatever the
     * tenant's size: ids, statuses and queues of the tenant's rows, then the views of the page's rows by id.
     */
    public String pageJson(Tenant tenant, QueueId queue, int page, int size) {
        List<String> matching = new ArrayList<>();
        long online = 0;
        for (Document row : agents.find(Filters.eq(TENANT, tenant.domain()))
                .projection(new Document(STATUS, 1).append(QUEUES, 1))) {
            String status = row.getString(STATUS);
            if (status == null || (queue != null && !row.getList(QUEUES, String.class, List.of())
                    .contains(queue.toString()))) {
                continue;
            }
            matching.add(row.getString("_id"));
            if (AgentStatus.valueOf(status).takesQueueCalls()) {
                online++;
            }
        }
        matching.sort(String::compareTo);
        int shown = Math.min(page, Math.max(0, (matching.size() - 1) / size));
        List<String> ids = matching.subList(Math.min(matching.size(), shown * size),
                Math.min(matching.size(), (shown + 1) * size));
        Map<String, String> views = new HashMap<>();
        if (!ids.isEmpty()) {
            agents.find(Filters.in("_id", ids)).projection(new Document(VIEW, 1))
                    .forEach(row -> views.put(row.getString("_id"), row.getString(VIEW)));
        }
        StringBuilder out = new StringBuilder("{\"page\":").append(shown).append(",\"size\":").append(size)
                .append(",\"total\":").append(matching.size()).append(",\"online\":").append(online)
                .append(",\"items\":[");
        boolean first = true;
        for (String id : ids) {
            if (views.get(id) != null) {
                out.append(first ? "" : ",").append(views.get(id));
                first = false;
            }
        }
        return out.append("]}").toString();
    }

    /** The tenant's agents as a JSON array of {@link AgentView}s, ordered by agent id. */
    public String listJson(Tenant tenant) {
        List<Document> found = new ArrayList<>();
        agents.find(Filters.eq(TENANT, tenant.domain())).projection(new Document(VIEW, 1)).into(found);
        found.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
        StringBuilder out = new StringBuilder("[");
        for (Document agent : found) {
            if (agent.getString(VIEW) != null) {
                out.append(out.length() > 1 ? "," : "").append(agent.getString(VIEW));
            }
        }
        return out.append(']').toString();
    }
}
