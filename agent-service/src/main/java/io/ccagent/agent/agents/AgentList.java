package io.ccagent.agent.agents;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.ids.Tenant;
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
import java.util.List;

/**
 * The read model behind agent lists (wallboard, supervisor pages): one document per agent with its current
 * {@link AgentView} as JSON, so listing a tenant is one query instead of one event-stream load per agent. Folded by a
 * tracking processor from the agents' events; each document keeps the sequence number it has folded up to, so a replay
 * or a repeated event changes nothing. Also the source of the {@code cca_agent_agents} gauge (agents by status).
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
        for (AgentStatus status : AgentStatus.values()) {
            Gauge.builder("cca.agent.agents", agents, all -> all.countDocuments(Filters.eq(STATUS, status.name())))
                    .description("provisioned agents by current status").tag(STATUS, status.name()).register(meters);
        }
    }

    @EventHandler
    void on(AgentEvent event, DomainEventMessage<?> message) {
        String id = event.agent().toString();
        Document current = agents.find(Filters.eq("_id", id)).first();
        if (current != null && current.getLong(SEQUENCE) >= message.getSequenceNumber()) {
            return;
        }
        AgentState state = current == null ? new AgentState() : serializer.deserialize(
                new SimpleSerializedObject<>(current.getString(STATE), String.class, AgentState.class.getName(), null));
        state.evolve(event, message.getTimestamp());
        SerializedObject<String> stored = serializer.serialize(state, String.class);
        // a queue can name an agent before it is provisioned: folded from then on, listed once provisioned
        boolean listed = state.provisioned();
        agents.replaceOne(Filters.eq("_id", id), new Document("_id", id)
                        .append(TENANT, event.agent().tenant().domain())
                        .append(STATUS, listed ? state.status().name() : null)
                        .append(SEQUENCE, message.getSequenceNumber())
                        .append(STATE, stored.getData())
                        .append(VIEW, listed ? json.writeValueAsString(state.view()) : null),
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        agents.deleteMany(new Document());
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
