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
import io.ccagent.stats.store.Rows.Agent;
import io.ccagent.stats.store.Rows.AgentHour;
import io.ccagent.stats.store.Rows.LoginChange;
import io.ccagent.stats.store.Rows.StatusChange;
import io.ccagent.stats.store.Rows.WrapUp;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Projects {@code agent.events}: status and queue-login changes stored under their event id in the agent's hour,
 * the agent's latest zone, status and per-queue login (latest wins, to know the state before a period starts), when
 * the agent was first seen ({@code $min}: no time before it counts in any status), and
 * wrap-up start/end per call ({@code $min}/{@code $max}, so repeats change nothing).
 */
@Component
public class AgentProjection {

    public void apply(List<Envelope> events, Generation generation) {
        PathUpdates agents = new PathUpdates();
        PathUpdates agentHours = new PathUpdates();
        PathUpdates wrapUps = new PathUpdates();
        for (Envelope envelope : events) {
            long time = envelope.time().toEpochMilli();
            if (envelope.data() instanceof AgentProvisioned provisioned) {
                String agent = provisioned.agent().toString();
                agents.set(agent, Agent.TENANT, envelope.key())
                        .max(agent, Agent.ZONE, Latest.encode(time, envelope.id(), provisioned.timeZone()))
                        .min(agent, Agent.SINCE, time);
            } else if (envelope.data() instanceof AgentStatusChanged changed) {
                String agent = changed.agent().toString();
                agentHours.set(CallProjection.hourRow(agentHours, agent, time), AgentHour.STATUS + "." + envelope.id(),
                        new Document(StatusChange.TIME, time).append(StatusChange.FROM, changed.from().name())
                                .append(StatusChange.TO, changed.to().name()));
                agents.max(agent, Agent.STATUS, Latest.encode(time, envelope.id(), changed.to().name()))
                        .min(agent, Agent.SINCE, time);
            } else if (envelope.data() instanceof QueueLoginChanged login) {
                String agent = login.agent().toString();
                String queue = login.queue().toString();
                agentHours.set(CallProjection.hourRow(agentHours, agent, time), AgentHour.LOGINS + "." + envelope.id(),
                        new Document(LoginChange.TIME, time).append(LoginChange.QUEUE, queue)
                                .append(LoginChange.LOGGED_IN, login.loggedIn()));
                agents.max(agent, Agent.LOGINS + "." + Keys.field(queue),
                        Latest.encode(time, envelope.id(), Boolean.toString(login.loggedIn())))
                        .min(agent, Agent.SINCE, time);
            } else if (envelope.data() instanceof WrapUpStarted started) {
                String id = wrapUpId(started.agent().toString(), started.call().value());
                wrapUps.min(id, WrapUp.START, time).max(id, WrapUp.LAST_EVENT, time);
            } else if (envelope.data() instanceof WrapUpEnded ended) {
                String id = wrapUpId(ended.agent().toString(), ended.call().value());
                wrapUps.max(id, WrapUp.END, time).max(id, WrapUp.LAST_EVENT, time);
            }
        }
        agents.writeTo(generation.agents());
        agentHours.writeTo(generation.agentHours());
        wrapUps.writeTo(generation.wrapUps());
    }

    /** Wrap-ups are looked up by agent and call when statistics join them to the agent's calls. */
    public static String wrapUpId(String agent, String call) {
        return agent + "|" + Keys.field(call);
    }
}
