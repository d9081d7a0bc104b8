package io.ccagent.agent.history;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.eventsourcing.BatchEnd;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Every change of every agent with when, what, where from and who, for "why was I red at 10:32?". Written by a
 * tracking processor keyed by the stored event id, so a replay rewrites the same documents; one bulk write per batch.
 */
@Component
@ProcessingGroup(AgentHistory.PROCESSING_GROUP)
public class AgentHistory {

    static final String PROCESSING_GROUP = "agent-history";
    private static final String WRITES = AgentHistory.class.getName() + ".writes";

    private final MongoCollection<Document> history;

    AgentHistory(MongoDatabase database) {
        this.history = database.getCollection("agent_history");
        history.createIndex(Indexes.ascending("agent", "time"));
    }

    @EventHandler
    void on(AgentEvent event, EventMessage<?> message) {
        Object source = message.getMetaData().get(ChangeMetadata.SOURCE);
        Object actor = message.getMetaData().get(ChangeMetadata.ACTOR);
        HistoryEntry entry = HistoryEntry.describe(event, source == null ? ChangeSource.SYSTEM.name() : source.toString(),
                actor == null ? "agent-service" : actor.toString());
        List<WriteModel<Document>> writes = BatchEnd.collected(WRITES, ArrayList::new);
        writes.add(new ReplaceOneModel<>(Filters.eq("_id", message.getIdentifier()),
                new Document("_id", message.getIdentifier())
                        .append("agent", event.agent().toString())
                        .append("time", Date.from(message.getTimestamp()))
                        .append("type", EventTypes.of(event.getClass()).name())
                        .append("description", entry.description())
                        .append("source", entry.source())
                        .append("actor", entry.actor()),
                new ReplaceOptions().upsert(true)));
        if (BatchEnd.reached()) {
            history.bulkWrite(writes);
            writes.clear();
        }
    }

    /** The agent's changes in {@code [from, to)}, oldest first, with the local time in {@code zone}. */
    public List<Change> changes(AgentId agent, Instant from, Instant to, ZoneId zone) {
        List<Change> changes = new ArrayList<>();
        history.find(Filters.and(Filters.eq("agent", agent.toString()), Filters.gte("time", Date.from(from)),
                        Filters.lt("time", Date.from(to))))
                .sort(Sorts.ascending("time"))
                .forEach(doc -> {
                    Instant time = doc.getDate("time").toInstant();
                    changes.add(new Change(time, LocalDateTime.ofInstant(time, zone), doc.getString("type"),
                            doc.getString("description"), doc.getString("source"), doc.getString("actor")));
                });
        return changes;
    }

    public record Change(Instant time, LocalDateTime localTime, String type, String description, String source,
                         String actor) {
    }
}
