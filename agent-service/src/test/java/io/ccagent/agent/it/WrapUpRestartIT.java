package io.ccagent.agent.it;

import io.ccagent.agent.AgentServiceApplication;
import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.agents.AgentViews;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.TopicProbe;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrap-up deadline lives in MongoDB, not in a timer: a restart in the middle of wrap-up does not lose it. */
class WrapUpRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final MutableClock CLOCK = new MutableClock(Instant.now());

    private final Infrastructure infra = SharedInfrastructure.get();
    private final String database = "agent-restart-it-" + UUID.randomUUID();

    /** Not a @Configuration, so component scanning never hands the frozen clock to other tests' contexts. */
    static class FrozenClock {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Test
    void aWrapUpInProgressStillEndsOnTimeAfterARestart() {
        AgentId agent = AgentId.parse("3001@restart-it.example.com");
        DeviceId desk = DeviceId.parse("3001a@restart-it.example.com");
        QueueId sales = QueueId.parse("8201@restart-it.example.com");
        CallId call = CallId.of("call-" + UUID.randomUUID());
        try (TopicProbe agentEvents = TopicProbe.fromStart(infra, Topics.AGENT_EVENTS);
             EventSender sender = new EventSender(infra)) {
            Instant until;
            try (ConfigurableApplicationContext service = start()) {
                service.getBean(CommandGateway.class).sendAndWait(new AgentCommands.ProvisionAgent(agent, "Rita",
                        null, List.of(desk), "UTC"));
                sender.send(new QueueConfigured(sales, "Sales", QueueType.ROUND_ROBIN, 30, 20, 300,
                        UnansweredAction.VOICEMAIL, null, "UTC", "1100@restart-it.example.com"));
                sender.send(new QueueMemberAdded(sales, desk, agent, 1, 1, 1, "1100@restart-it.example.com"));
                AgentViews views = service.getBean(AgentViews.class);
                Eventually.until("membership known", () -> !views.find(agent).orElseThrow().queues().isEmpty());
                sender.send(new CallAnswered(agent.tenant(), call, desk, agent, sales));
                sender.send(new CallEnded(agent.tenant(), call, EndCause.CALLER_HANGUP));

                until = ((WrapUpStarted) agentEvents.await(e -> e.data() instanceof WrapUpStarted started
                        && started.call().equals(call), WAIT).data()).until();
            }

            try (ConfigurableApplicationContext service = start()) {
                AgentViews views = service.getBean(AgentViews.class);
                assertThat(views.find(agent).orElseThrow().wrapUpUntil()).isEqualTo(until);

                CLOCK.set(until.minusSeconds(1));
                assertThat(agentEvents.drain(Duration.ofSeconds(2)))
                        .noneMatch(e -> e.data() instanceof WrapUpEnded ended && ended.call().equals(call));

                CLOCK.set(until);
                agentEvents.await(e -> e.data() instanceof WrapUpEnded ended && ended.call().equals(call), WAIT);
                assertThat(views.find(agent).orElseThrow().wrapUpUntil()).isNull();
            }
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(AgentServiceApplication.class, FrozenClock.class)
                .run(
                        "--PORT=0",
                        "--KAFKA_BOOTSTRAP_SERVERS=" + infra.kafkaBootstrapServers(),
                        "--MONGODB_URI=" + infra.mongoUri(),
                        "--MONGODB_DATABASE=" + database,
                        "--service-token.secret=" + ServiceTokensForTests.SECRET,
                        "--spring.cloud.stream.bindings.callEvents-in-0.group=agent-restart-it",
                        "--spring.cloud.stream.bindings.queueEvents-in-0.group=agent-restart-it",
                        "--cca.agent.wrap-up.poll-interval=100ms");
    }
}
