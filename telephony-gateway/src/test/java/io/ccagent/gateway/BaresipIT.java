package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.gateway.queues.QueueDirectory;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A real softphone (baresip) registers with digest auth, is offered a queue call, auto-answers and talks. */
class BaresipIT extends GatewayTestBase {

    private static final Path BARESIP = Path.of("/usr/bin/baresip");
    private static final String TENANT = "baresip.example.com";
    private static final Tenant T = Tenant.of(TENANT);
    private static final QueueId SUPPORT = QueueId.of("8002", T);
    private static final DeviceId PHONE = DeviceId.of("3001a", T);
    private static final AgentId AGENT = AgentId.of("3001", T);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    QueueDirectory queues;

    @Test
    void softphoneRegistersAndAnswersAQueueCall() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BARESIP), "baresip is not installed (apt-get install baresip-core)");
        provisionDevice(TENANT, PHONE.name(), AGENT.extension(), "softphone-pass");
        try (EventSender sender = new EventSender(infra);
             TopicProbe probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS)) {
            sender.send(new QueueConfigured(SUPPORT, "Support", QueueType.RING_ALL, 30, 20, 300,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
            Awaitility.await().atMost(WAIT).until(() -> queues.isQueue(SUPPORT));
            Path home = Files.createTempDirectory("baresip-");
            Process baresip = startBaresip(home);
            try {
                DeviceRegistered registered = await(probe, DeviceRegistered.class, e -> e.device().equals(PHONE));
                assertThat(registered.agent()).isEqualTo(AGENT);

                Sipp caller = Sipp.scenario("caller-hangs-up").localPort(15087).target(GATEWAY)
                        .key("dial", "8002").key("tenant", TENANT).start();
                CallArrived arrived = await(probe, CallArrived.class, e -> SUPPORT.equals(e.queue()));
                sender.send(new OfferCall(T, arrived.call(), SUPPORT, List.of(new OfferTarget(PHONE, AGENT)), 15,
                        arrived.from(), arrived.fromName()));

                assertThat(await(probe, CallAnswered.class, e -> e.call().equals(arrived.call())).device())
                        .isEqualTo(PHONE);
                assertThat(await(probe, CallEnded.class, e -> e.call().equals(arrived.call())).cause())
                        .isEqualTo(EndCause.CALLER_HANGUP);
                caller.awaitSuccess(WAIT);
            } finally {
                baresip.destroy();
                baresip.waitFor();
                try (var files = Files.list(home)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(home);
            }
        }
    }

    private static Process startBaresip(Path home) throws Exception {
        Files.writeString(home.resolve("config"), String.join("\n",
                "poll_method poll",
                "sip_listen 127.0.0.1:15086",
                "net_interface 127.0.0.1",
                "audio_player alsa,null",
                "audio_source alsa,null",
                "audio_alert alsa,null",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module alsa.so",
                "module_app account.so",
                "module_app menu.so",
                ""));
        Files.writeString(home.resolve("accounts"), "<sip:" + PHONE.name() + "@" + TENANT + ">;auth_user="
                + PHONE.name() + ";auth_pass=softphone-pass;outbound=\"sip:" + GATEWAY
                + "\";regint=300;answermode=auto\n");
        return new ProcessBuilder(BARESIP.toString(), "-f", home.toString(), "-t", "60")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("baresip.log").toFile())
                .start();
    }

    private static <E> E await(TopicProbe probe, Class<E> type, Predicate<E> condition) {
        return type.cast(probe.await(envelope -> type.isInstance(envelope.data())
                && condition.test(type.cast(envelope.data())), WAIT).data());
    }
}
