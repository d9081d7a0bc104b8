package io.ccagent.stats.ingest;

import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.Keys;
import io.ccagent.stats.store.Latest;
import io.ccagent.stats.store.PathUpdates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Projects {@code agent.events}: status and queue-login changes stored under their event id in the agent's day,
 * the agent's latest zone, status and per-queue login (latest wins, to know the state before a period starts), and
 * wrap-up start/end per call ({@code $min}/{@code $max}, so repeats change nothing).
 */
@Component
public class AgentProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates agents = new PathUpdates();
        PathUpdates agentDays = new PathUpdates();
        PathUpdates wrapUps = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            if (envelope.data() instanceof AgentProvisioned provisioned) {
                String agent = provisioned.agent().toString();
                agents.set(agent, "tn", envelope.key())
                        .max(agent, "z", Latest.encode(time, envelope.id(), provisioned.timeZone()));
            } else if (envelope.data() instanceof AgentStatusChanged changed) {
                String agent = changed.agent().toString();
                agentDays.set(CallProjection.dayRow(agentDays, agent, time), "s." + envelope.id(),
                        new Document("t", time).append("f", changed.from().name()).append("to", changed.to().name()));
                agents.max(agent, "st", Latest.encode(time, envelope.id(), changed.to().name()));
            } else if (envelope.data() instanceof QueueLoginChanged login) {
                String agent = login.agent().toString();
                String queue = login.queue().toString();
                agentDays.set(CallProjection.dayRow(agentDays, agent, time), "l." + envelope.id(),
                        new Document("t", time).append("q", queue).append("in", login.loggedIn()));
                agents.max(agent, "lg." + Keys.field(queue),
                        Latest.encode(time, envelope.id(), Boolean.toString(login.loggedIn())));
            } else if (envelope.data() instanceof WrapUpStarted started) {
                String id = wrapUpId(started.agent().toString(), started.call().value());
                wrapUps.min(id, "s", time).max(id, "last", time);
            } else if (envelope.data() instanceof WrapUpEnded ended) {
                String id = wrapUpId(ended.agent().toString(), ended.call().value());
                wrapUps.max(id, "e", time).max(id, "last", time);
            }
        }
        agents.writeTo(generation.agents());
        agentDays.writeTo(generation.agentDays());
        wrapUps.writeTo(generation.wrapUps());
    }

    /** Wrap-ups are looked up by agent and call when statistics join them to the agent's calls. */
    public static String wrapUpId(String agent, String call) {
        return agent + "|" + Keys.field(call);
    }
}
