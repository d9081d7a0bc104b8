package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.TopicProbe;
import io.ccagent.gateway.queues.QueueDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway that stops with 20 callers waiting leaves no ghost: when it starts again it answers each of them 480 and
 * reports each call ended exactly once, so the router stops offering them. (Its own instances, on SIP port 15170
 * and a database of their own; they do not consume routing commands, the shared test gateway does.)
 */
class GatewayRestartIT {

    private static final Infrastructure infra = SharedInfrastructure.get();
    private static final int SIP_PORT = 15170;
    private static final String TENANT = "restart.example.com";
    private static final QueueId QUEUE = QueueId.of("8001", Tenant.of(TENANT));
    private static final int CALLERS = 20;

    @Test
    void everyCallerWaitingWhenTheGatewayStoppedIsEndedOnceAfterItStartsAgain() throws Exception {
        new EventSender(infra).send(new QueueConfigured(QUEUE, "Restart", QueueType.RING_ALL, 30, 20, 300,
                UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
        try (TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            ConfigurableApplicationContext first = start();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> first.getBean(QueueDirectory.class).isQueue(QUEUE));
            Sipp callers = Sipp.scenario("caller-waits-through-restart").localPort(15171)
                    .target("127.0.0.1:" + SIP_PORT).key("dial", "8001").key("tenant", TENANT)
                    .load(CALLERS, 50, CALLERS, Duration.ofSeconds(90)).start();
            Set<CallId> arrived = arrivals(probe);

            first.close();
            ConfigurableApplicationContext second = start();
            try {
                callers.awaitSuccess(Duration.ofSeconds(60));
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> ended(probe.drain(Duration.ofMillis(200))).keySet().containsAll(arrived));
            } finally {
                second.close();
            }
            Map<CallId, List<CallEnded>> ended = ended(probe.drain(Duration.ofSeconds(1)));
            assertThat(ended.keySet()).containsExactlyInAnyOrderElementsOf(arrived);
            assertThat(ended.values()).allSatisfy(ends -> {
                assertThat(ends).as("ended exactly once").hasSize(1);
                assertThat(ends.get(0).cause()).isEqualTo(EndCause.FAILED);
            });
        }
    }

    /** The calls of this test's tenant that arrived (the probe's list is everything seen so far). */
    private static Set<CallId> arrivals(TopicProbe probe) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> calls(probe.drain(Duration.ofMillis(200))).size() >= CALLERS);
        return calls(probe.drain(Duration.ZERO));
    }

    private static Set<CallId> calls(List<Envelope> seen) {
        return seen.stream().filter(e -> e.data() instanceof CallArrived arrived && arrived.queue() != null
                && arrived.queue().equals(QUEUE)).map(e -> ((CallArrived) e.data()).call()).collect(Collectors.toSet());
    }

    private static Map<CallId, List<CallEnded>> ended(List<Envelope> seen) {
        return seen.stream()
                .filter(e -> e.data() instanceof CallEnded ended && ended.tenant().equals(Tenant.of(TENANT)))
                .map(e -> (CallEnded) e.data()).collect(Collectors.groupingBy(CallEnded::call));
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TelephonyGatewayApplication.class).run(
                "--server.port=0", "--gateway.http.internal-port=0", "--LOG_FORMAT=",
                "--gateway.sip.bind-host=127.0.0.1", "--gateway.sip.port=" + SIP_PORT,
                "--spring.cloud.function.definition=queueEvents",
                "--spring.cloud.stream.bindings.queueEvents-in-0.group=telephony-gateway-restart-it",
                "--KAFKA_BOOTSTRAP_SERVERS=" + infra.kafkaBootstrapServers(),
                "--MONGODB_URI=" + infra.mongoUri(), "--MONGODB_DATABASE=gateway-restart-it",
                "--service-token.secret=" + ServiceTokensForTests.SECRET);
    }
}
