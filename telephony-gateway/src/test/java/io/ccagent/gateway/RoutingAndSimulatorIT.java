package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.gateway.queues.QueueDirectory;
import io.ccagent.identity.Role;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** Poison routing commands go to the dead-letter topic; the simulator's virtual phones take offered calls. */
class RoutingAndSimulatorIT extends GatewayTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DEMO = "sim.example.com";
    private static final Tenant T = Tenant.of(DEMO);

    @Autowired
    QueueDirectory queues;

    @Test
    void recordThatIsNotARoutingCommandGoesToTheDeadLetterTopicAndConsumingGoesOn() {
        AgentId agent = AgentId.of("1002", T);
        Envelope poison = Envelope.of(UUID.randomUUID(), Instant.now(), null,
                new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, "test"));
        try (EventSender sender = new EventSender(infra);
             TopicProbe deadLetters = TopicProbe.fromNow(infra, Topics.deadLetter(Topics.ROUTING_COMMANDS))) {
            sender.sendRaw(Topics.ROUTING_COMMANDS, poison.key(), new io.ccagent.contracts.wire.EnvelopeCodec()
                    .encode(poison));
            sender.sendRaw(Topics.ROUTING_COMMANDS, DEMO, "not json".getBytes());

            assertThat(deadLetters.await(envelope -> envelope.id().equals(poison.id()), WAIT)).isEqualTo(poison);
        }
    }

    @Test
    void virtualPhonesRegisterRingAndTakeSimulatedCalls() {
        QueueId queue = QueueId.of("8101", T);
        provisionDevice(DEMO, "4001a", "4001", "virtual-pass");
        try (EventSender sender = new EventSender(infra);
             TopicProbe calls = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            sender.send(new QueueConfigured(queue, "Simulated", QueueType.RING_ALL, 0, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
            Awaitility.await().atMost(WAIT).until(() -> queues.isQueue(queue));

            http().post().uri("/simulator/runs").header(HttpHeaders.AUTHORIZATION,
                            ServiceTokensForTests.bearer(DEMO, "test-system", Role.SYSTEM))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("tenant", DEMO, "callsPerMinute", 600, "durationSeconds", 2))
                    .retrieve().toBodilessEntity();

            DeviceId phone = DeviceId.of("4001a", T);
            assertThat(((DeviceRegistered) calls.await(envelope -> envelope.data() instanceof DeviceRegistered r
                    && r.device().equals(phone), WAIT).data()).contact()).isEqualTo("virtual:4001a");
            CallArrived arrived = (CallArrived) calls.await(envelope -> envelope.data() instanceof CallArrived a
                    && queue.equals(a.queue()), WAIT).data();
            sender.send(new OfferCall(T, arrived.call(), queue, List.of(new OfferTarget(phone, AgentId.of("4001", T))),
                    2, arrived.from(), null));

            calls.await(envelope -> envelope.data() instanceof CallRinging r && r.call().equals(arrived.call()), WAIT);
            Envelope outcome = calls.await(envelope -> envelope.data() instanceof CallAnswered a
                    && a.call().equals(arrived.call())
                    || envelope.data() instanceof OfferNotAnswered n && n.call().equals(arrived.call()), WAIT);
            assertThat(outcome.data()).isInstanceOfAny(CallAnswered.class, OfferNotAnswered.class);
        }
    }

    @Test
    void aDeletedQueuesExtensionIsNoQueueAnyMore() {
        QueueId queue = QueueId.of("8102", T);
        try (EventSender sender = new EventSender(infra)) {
            sender.send(new QueueConfigured(queue, "Closing", QueueType.RING_ALL, 0, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
            Awaitility.await().atMost(WAIT).until(() -> queues.isQueue(queue));

            sender.send(new QueueDeleted(queue, "1001@" + DEMO));

            Awaitility.await().atMost(WAIT).until(() -> !queues.isQueue(queue));
            assertThat(queues.queuesOf(T)).doesNotContain(queue);
        }
    }
}
