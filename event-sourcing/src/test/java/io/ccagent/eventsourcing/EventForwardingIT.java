package io.ccagent.eventsourcing;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventForwardingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Infrastructure infra = SharedInfrastructure.get();
    private final AgentId agent = AgentId.parse("1002@forwarder-it.example.com");

    @Test
    void storedEventsArePublishedWithStableIdsAndTheTokenSurvivesARestart() {
        String database = "es-it-" + UUID.randomUUID();
        try (TopicProbe probe = TopicProbe.fromStart(infra, Topics.AGENT_EVENTS)) {
            DomainEventMessage<?> first = statusChange("agent-a", 0, AgentStatus.OFFLINE, AgentStatus.ONLINE);
            DomainEventMessage<?> second = statusChange("agent-a", 1, AgentStatus.ONLINE, AgentStatus.LUNCH);
            try (ConfigurableApplicationContext context = start(database, infra.kafkaBootstrapServers())) {
                context.getBean(EventStore.class).publish(first, second);

                Envelope published = probe.await(e -> e.id().toString().equals(first.getIdentifier()), WAIT);
                probe.await(e -> e.id().toString().equals(second.getIdentifier()), WAIT);

                assertThat(published.data()).isEqualTo(first.getPayload());
                assertThat(published.key()).isEqualTo("forwarder-it.example.com");
                assertThat(published.type()).isEqualTo("agent.StatusChanged");
                // the event store keeps timestamps to the millisecond; the envelope carries the stored time
                assertThat(published.time()).isEqualTo(first.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
            }

            DomainEventMessage<?> afterRestart = statusChange("agent-a", 2, AgentStatus.LUNCH, AgentStatus.OFFLINE);
            try (ConfigurableApplicationContext context = start(database, infra.kafkaBootstrapServers())) {
                context.getBean(EventStore.class).publish(afterRestart);
                probe.await(e -> e.id().toString().equals(afterRestart.getIdentifier()), WAIT);
            }

            // the forwarder publishes in store order per tenant partition: a re-publication of the first two
            // would have arrived before the third
            List<String> ids = probe.drain(Duration.ofMillis(300)).stream().map(e -> e.id().toString()).toList();
            assertThat(ids).containsOnlyOnce(first.getIdentifier(), second.getIdentifier(),
                    afterRestart.getIdentifier());
        }
    }

    @Test
    void anEventCommittedLateBehindANewerOneIsStillPublished() {
        try (TopicProbe probe = TopicProbe.fromStart(infra, Topics.AGENT_EVENTS);
             ConfigurableApplicationContext context = start("es-it-" + UUID.randomUUID(),
                     infra.kafkaBootstrapServers())) {
            EventStore store = context.getBean(EventStore.class);
            DomainEventMessage<?> newer = statusChange("agent-d", 0, AgentStatus.OFFLINE, AgentStatus.ONLINE);
            store.publish(newer);
            probe.await(e -> e.id().toString().equals(newer.getIdentifier()), WAIT);

            // stamped 3 s before it becomes visible, behind an event the forwarder has already passed: what a slow
            // commit, a GC pause between apply and commit, or another instance's clock produce
            DomainEventMessage<?> late = new GenericDomainEventMessage<>("Agent", "agent-e", 0,
                    new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.WEB, ChangeSource.PORTAL,
                            agent.toString()), MetaData.emptyInstance(), UUID.randomUUID().toString(),
                    Instant.now().minusSeconds(3));
            store.publish(late);

            Envelope published = probe.await(e -> e.id().toString().equals(late.getIdentifier()), WAIT);
            assertThat(published.data()).isEqualTo(late.getPayload());
        }
    }

    @Test
    void aDuplicateSequenceNumberIsRejectedByTheUniqueIndex() {
        try (ConfigurableApplicationContext context = start("es-it-" + UUID.randomUUID(),
                infra.kafkaBootstrapServers())) {
            EventStore store = context.getBean(EventStore.class);
            store.publish(statusChange("agent-b", 0, AgentStatus.OFFLINE, AgentStatus.ONLINE),
                    statusChange("agent-b", 1, AgentStatus.ONLINE, AgentStatus.BREAK));

            assertThatThrownBy(() -> store.publish(statusChange("agent-b", 1, AgentStatus.ONLINE, AgentStatus.WEB)))
                    .isInstanceOf(ConcurrencyException.class);
            assertThat(store.readEvents("agent-b").asStream().map(m -> ((AgentStatusChanged) m.getPayload()).to()))
                    .containsExactly(AgentStatus.ONLINE, AgentStatus.BREAK);
        }
    }

    @Test
    void eventsStoredWhileKafkaIsUnreachableArePublishedOnceItIsBack() throws Exception {
        String database = "es-it-" + UUID.randomUUID();
        DomainEventMessage<?> stored = statusChange("agent-c", 0, AgentStatus.OFFLINE, AgentStatus.MEETING);
        try (TopicProbe probe = TopicProbe.fromStart(infra, Topics.AGENT_EVENTS)) {
            try (ConfigurableApplicationContext context = start(database, "localhost:" + unusedPort())) {
                context.getBean(EventStore.class).publish(stored);
                awaitForwardFailure(context.getBean(MeterRegistry.class));
            }
            try (ConfigurableApplicationContext context = start(database, infra.kafkaBootstrapServers())) {
                Envelope published = probe.await(e -> e.id().toString().equals(stored.getIdentifier()), WAIT);
                assertThat(published.data()).isEqualTo(stored.getPayload());
            }
        }
    }

    private DomainEventMessage<?> statusChange(String aggregateId, long sequence, AgentStatus from, AgentStatus to) {
        return new GenericDomainEventMessage<>("Agent", aggregateId, sequence,
                new AgentStatusChanged(agent, from, to, ChangeSource.PORTAL, agent.toString()));
    }

    private ConfigurableApplicationContext start(String database, String bootstrapServers) {
        return new SpringApplicationBuilder(ForwarderTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.mongodb.uri=" + infra.mongoUri(),
                        "--spring.mongodb.database=" + database,
                        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                        "--cca.event-sourcing.forwarder.send-timeout=2s",
                        "--axon.axonserver.enabled=false",
                        "--axon.serializer.general=jackson",
                        "--axon.serializer.events=jackson",
                        "--axon.serializer.messages=jackson");
    }

    /** Waits (bounded) until the forwarder has reported a failed publication; not a timing assertion. */
    private static void awaitForwardFailure(MeterRegistry meters) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (meters.counter("cca.eventsourcing.forward.failures").count() < 1) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the forwarder never reported a failure against an unreachable broker");
            }
            Thread.sleep(50);
        }
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
