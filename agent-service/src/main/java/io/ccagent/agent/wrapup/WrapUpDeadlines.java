package io.ccagent.agent.wrapup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The wrap-up deadline of every agent in wrap-up, kept in MongoDB (one document per agent) by a tracking
 * processor, so it outlives a restart; {@link WrapUpPoller} ends each wrap-up when it is due.
 */
@Component
@ProcessingGroup(WrapUpDeadlines.PROCESSING_GROUP)
class WrapUpDeadlines {

    static final String PROCESSING_GROUP = "wrap-up-deadlines";

    private final MongoCollection<Document> deadlines;

    WrapUpDeadlines(MongoDatabase database) {
        this.deadlines = database.getCollection("wrap_up_deadlines");
    }

    @EventHandler
    void on(WrapUpStarted started) {
        deadlines.replaceOne(Filters.eq("_id", started.agent().toString()),
                new Document("_id", started.agent().toString())
                        .append("call", started.call().value())
                        .append("until", Date.from(started.until())),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(WrapUpEnded ended) {
        remove(new Due(ended.agent(), ended.call(), null));
    }

    List<Due> dueAt(Instant now) {
        List<Due> due = new ArrayList<>();
        deadlines.find(Filters.lte("until", Date.from(now))).sort(Sorts.ascending("until"))
                .forEach(doc -> due.add(new Due(AgentId.parse(doc.getString("_id")), CallId.of(doc.getString("call")),
                        doc.getDate("until").toInstant())));
        return due;
    }

    /** Removes the deadline only if it still belongs to that call: a newer wrap-up keeps its own. */
    void remove(Due due) {
        Bson sameCall = Filters.and(Filters.eq("_id", due.agent().toString()), Filters.eq("call", due.call().value()));
        deadlines.deleteOne(sameCall);
    }

    record Due(AgentId agent, CallId call, Instant until) {
    }
}
