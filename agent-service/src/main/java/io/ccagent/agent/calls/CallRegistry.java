package io.ccagent.agent.calls;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Which agent answered which call. {@code call.Ended} names only the call, so the end is matched to the agent
 * here; an end that arrives before the answer is kept and applied when the answer shows up.
 */
@Component
class CallRegistry {

    private final MongoCollection<Document> calls;

    CallRegistry(MongoDatabase database) {
        this.calls = database.getCollection("calls");
    }

    /** Records the answer; returns what was known of the call before it (an earlier answer, an end). */
    Earlier answered(CallAnswered answer) {
        Document before = calls.findOneAndUpdate(Filters.eq("_id", key(answer.tenant(), answer.call())),
                Updates.combine(
                        Updates.set("agent", answer.agent().toString()),
                        Updates.set("device", answer.device().toString()),
                        Updates.set("queue", answer.queue() == null ? null : answer.queue().toString())),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            return new Earlier(null, null, null);
        }
        String agent = before.getString("agent");
        String queue = before.getString("queue");
        Date endedAt = before.getDate("endedAt");
        return new Earlier(agent == null ? null : AgentId.parse(agent), queue == null ? null : QueueId.parse(queue),
                endedAt == null ? null : endedAt.toInstant());
    }

    /** Records the end (the first one wins) and returns who was on the call, if anyone answered it yet. */
    Optional<AnsweredCall> ended(Tenant tenant, CallId call, Instant at) {
        String id = key(tenant, call);
        Document known = calls.find(Filters.eq("_id", id)).first();
        if (known == null || known.getDate("endedAt") == null) {
            calls.updateOne(Filters.eq("_id", id), Updates.set("endedAt", Date.from(at)),
                    new UpdateOptions().upsert(true));
            known = calls.find(Filters.eq("_id", id)).first();
        }
        if (known == null || known.getString("agent") == null) {
            return Optional.empty();
        }
        String queue = known.getString("queue");
        return Optional.of(new AnsweredCall(AgentId.parse(known.getString("agent")),
                queue == null ? null : QueueId.parse(queue), known.getDate("endedAt").toInstant()));
    }

    private static String key(Tenant tenant, CallId call) {
        return tenant.domain() + "/" + call.value();
    }

    record AnsweredCall(AgentId agent, QueueId queue, Instant endedAt) {
    }

    /** The call as known before an answer: who had answered it (null: nobody) and when it ended (null: not yet). */
    record Earlier(AgentId agent, QueueId queue, Instant endedAt) {
    }
}
