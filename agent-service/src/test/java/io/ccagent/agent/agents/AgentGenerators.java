package io.ccagent.agent.agents;

import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.time.Instant;
import java.util.List;

import static io.ccagent.agent.agents.AgentRulesTest.AGENT;
import static io.ccagent.agent.agents.AgentRulesTest.DESK;
import static io.ccagent.agent.agents.AgentRulesTest.SOFT;
import static io.ccagent.agent.agents.AgentRulesTest.STRANGER;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The agent-service's generators for property tests: what portals, phones, queues and calls send to one agent. */
final class AgentGenerators {

    static final List<QueueId> QUEUES = List.of(AgentRulesTest.SALES, AgentRulesTest.SUPPORT, AgentRulesTest.BILLING);
    static final List<DeviceId> DEVICES = List.of(DESK, SOFT, STRANGER);
    static final Instant T0 = AgentRulesTest.T0;
    private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

    private AgentGenerators() {
    }

    /** 1 to {@code maxSteps} commands of every kind the aggregate handles, for the one agent of the tests. */
    static Gen<List<Object>> commandSequences(int maxSteps) {
        return lists().of(commands()).ofSizeBetween(1, maxSteps);
    }

    static Gen<Object> commands() {
        Gen<QueueId> queue = Generate.pick(QUEUES);
        Gen<QueueId> queueOrDirect = Generate.frequency(Pair.of(3, queue), Pair.of(1, Generate.constant((QueueId) null)));
        Gen<DeviceId> device = Generate.pick(DEVICES);
        Gen<CallId> call = integers().between(1, 6).map(n -> CallId.of("call-" + n));
        Gen<Boolean> flag = Generate.booleans();
        return Generate.<Object>oneOf(
                Generate.enumValues(AgentStatus.class)
                        .map(s -> new AgentCommands.ChangeStatus(AGENT, s, ChangeSource.PORTAL, "p")),
                queue.zip(flag, (q, in) -> new AgentCommands.ChangeQueueLogin(AGENT, q, in, ChangeSource.PORTAL, "p")),
                device.zip(flag, (d, on) -> new AgentCommands.SetDeviceActive(AGENT, d, on, "p")),
                device.zip(Generate.pick(List.of("*50", "*51", "*52")),
                        (d, code) -> new AgentCommands.DialStarCode(AGENT, d, code)),
                queue.zip(device, flag, integers().between(1, 3),
                        (q, d, member, p) -> new AgentCommands.UpdateQueueMembership(AGENT, q, d, member, p)),
                call.zip(queueOrDirect, device, (c, q, d) -> new AgentCommands.StartCall(AGENT, c, q, d)),
                call.zip(integers().between(0, 60), (c, wrap) -> new AgentCommands.EndCall(AGENT, c, T0, wrap, T0)),
                call.zip(queueOrDirect, (c, q) -> new AgentCommands.MissOffer(AGENT, c, q, LATER)),
                call.map(c -> new AgentCommands.EndWrapUp(AGENT, c)));
    }
}
