package io.ccagent.agent.it;

import io.ccagent.agent.AgentServiceApplication;
import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.agents.AgentViews;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances share one event store and write the same agent at once. Their in-process locks do not
 * see each other, so only the unique (aggregate, sequence) index and the command retry keep every update.
 */
class TwoInstancesIT {

    private final Infrastructure infra = SharedInfrastructure.get();
    private final String database = "agent-two-instances-it-" + UUID.randomUUID();

    @Test
    void twoInstancesWritingOneAgentAtOnceLoseNoUpdate() throws Exception {
        AgentId agent = AgentId.parse("4001@two-instances-it.example.com");
        try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
            List<CommandGateway> instances = List.of(first.getBean(CommandGateway.class),
                    second.getBean(CommandGateway.class));
            instances.get(0).sendAndWait(new AgentCommands.ProvisionAgent(agent, "Two", null,
                    List.of(DeviceId.parse("4001a@two-instances-it.example.com")), "UTC"));

            AgentStatus[] statuses = AgentStatus.values();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Object>> results = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    CommandGateway instance = instances.get(i % 2);
                    AgentStatus status = statuses[(i / 2) % statuses.length];
                    String actor = "thread-" + i;
                    results.add(pool.submit(() -> instance.sendAndWait(new AgentCommands.ChangeStatus(agent, status,
                            ChangeSource.PORTAL, actor))));
                }
                for (Future<Object> result : results) {
                    assertThat(result.get()).as("every command succeeded, retried if it lost a race").isNotNull();
                }
            } finally {
                pool.shutdown();
            }

            List<? extends DomainEventMessage<?>> stream = first.getBean(EventStorageEngine.class)
                    .readEvents(agent.toString(), 0).asStream().toList();
            for (int i = 0; i < stream.size(); i++) {
                assertThat(stream.get(i).getSequenceNumber()).isEqualTo(i);
            }
            AgentStatus previous = AgentStatus.OFFLINE;
            for (DomainEventMessage<?> message : stream) {
                if (message.getPayload() instanceof AgentStatusChanged changed) {
                    assertThat(changed.from()).as("no change was decided on a stale state").isEqualTo(previous);
                    previous = changed.to();
                }
            }
            assertThat(first.getBean(AgentViews.class).find(agent).orElseThrow().status()).isEqualTo(previous);
            assertThat(second.getBean(AgentViews.class).find(agent).orElseThrow().status()).isEqualTo(previous);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(AgentServiceApplication.class)
                .run(
                        "--PORT=0",
                        "--KAFKA_BOOTSTRAP_SERVERS=" + infra.kafkaBootstrapServers(),
                        "--MONGODB_URI=" + infra.mongoUri(),
                        "--MONGODB_DATABASE=" + database,
                        "--service-token.secret=" + ServiceTokensForTests.SECRET,
                        "--spring.cloud.stream.bindings.callEvents-in-0.group=agent-two-instances-it",
                        "--spring.cloud.stream.bindings.queueEvents-in-0.group=agent-two-instances-it");
    }
}
