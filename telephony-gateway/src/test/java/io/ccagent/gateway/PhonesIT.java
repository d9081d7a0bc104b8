package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.media.PromptPlayer;
import io.ccagent.testkit.TopicProbe;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

/** Phones registering (digest auth, expiry) and dialing star codes, driven by sipp. */
class PhonesIT extends GatewayTestBase {

    private static final String TENANT = "phones.example.com";
    private static final String OTHER_TENANT = "other.example.com";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int RTP_PORT = 15095;

    @Autowired
    PromptPlayer prompts;

    private TopicProbe probe;

    @BeforeEach
    void openProbe() {
        probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void phoneWithTheRightPasswordRegistersAndIsListedAsRegistered() {
        provisionDevice(TENANT, "1002a", "1002", "right-password");

        register("register", "1002a", TENANT, "right-password", 15060, 300);

        DeviceRegistered registered = awaitEvent(DeviceRegistered.class,
                e -> e.device().equals(DeviceId.of("1002a", Tenant.of(TENANT))));
        assertThat(registered.agent()).isEqualTo(AgentId.of("1002", Tenant.of(TENANT)));
        assertThat(registered.contact()).isEqualTo("sip:1002a@127.0.0.1:15060");
        assertThat(devices(TENANT)).anySatisfy(device -> {
            assertThat(device).containsEntry("device", "1002a@" + TENANT).containsEntry("registered", true);
        });
    }

    @Test
    void wrongPasswordIsRefusedAndNothingIsRegistered() {
        provisionDevice(TENANT, "1003a", "1003", "right-password");

        register("register-refused", "1003a", TENANT, "wrong-password", 15061, 300);

        assertThat(devices(TENANT)).anySatisfy(device -> {
            assertThat(device).containsEntry("device", "1003a@" + TENANT).containsEntry("registered", false);
        });
    }

    @Test
    void aDeviceCannotRegisterInAnotherTenant() {
        provisionDevice(TENANT, "1004a", "1004", "right-password");

        register("register-refused", "1004a", OTHER_TENANT, "right-password", 15062, 300);

        assertThat(probe.drain(Duration.ofMillis(500)).stream()
                .filter(envelope -> envelope.data() instanceof DeviceRegistered registered
                        && registered.device().name().equals("1004a"))).isEmpty();
    }

    @Test
    void registrationThatIsNotRefreshedExpires() {
        provisionDevice(TENANT, "1005a", "1005", "right-password");

        register("register", "1005a", TENANT, "right-password", 15063, 1);

        DeviceUnregistered expired = awaitEvent(DeviceUnregistered.class,
                e -> e.device().equals(DeviceId.of("1005a", Tenant.of(TENANT))));
        assertThat(expired.reason()).isEqualTo("expired");
    }

    @Test
    void starCodeIsReportedAndItsSpokenConfirmationArrivesAsRtp() throws Exception {
        provisionDevice(TENANT, "1006a", "1006", "right-password");
        register("register", "1006a", TENANT, "right-password", 15114, 300);
        try (DatagramSocket rtp = new DatagramSocket(RTP_PORT, InetAddress.getLoopbackAddress())) {
            rtp.setSoTimeout(3000);
            Sipp phone = Sipp.scenario("star-code").localPort(15064).target(GATEWAY)
                    .key("device", "1006a").key("tenant", TENANT).key("dial", "*51").key("rtp_port", RTP_PORT)
                    .credentials("1006a", "right-password").start();

            StarCodeDialed dialed = awaitEvent(StarCodeDialed.class,
                    e -> e.device().equals(DeviceId.of("1006a", Tenant.of(TENANT))));
            assertThat(dialed.code()).isEqualTo("*51");
            assertThat(dialed.agent()).isEqualTo(AgentId.of("1006", Tenant.of(TENANT)));

            int packets = countRtpPackets(rtp);
            phone.awaitSuccess(WAIT);
            assertThat(packets).isEqualTo(prompts.packetsOf("*51"));
        }
    }

    @Test
    void unknownStarCodeIsRefusedWith404() {
        provisionDevice(TENANT, "1007a", "1007", "right-password");

        Sipp.scenario("star-code-unknown").localPort(15065).target(GATEWAY)
                .key("device", "1007a").key("tenant", TENANT).key("dial", "*99")
                .credentials("1007a", "right-password").start().awaitSuccess(WAIT);

        assertThat(probe.drain(Duration.ofMillis(300)).stream()
                .filter(envelope -> envelope.data() instanceof StarCodeDialed)).isEmpty();
    }

    /**
     * Issue 17: a phone that authenticates but has no registration binding cannot be rung, so it may not ask for
     * queue calls: *51 and *50 are refused with 403 and nothing is reported; *52 (Offline) still works from it.
     */
    @Test
    void phoneWithoutARegistrationCannotAskForQueueCallsButCanGoOffline() {
        provisionDevice(TENANT, "1008a", "1008", "right-password");

        for (String code : List.of("*51", "*50")) {
            Sipp.scenario("star-code-unregistered").localPort(15115).target(GATEWAY)
                    .key("device", "1008a").key("tenant", TENANT).key("dial", code)
                    .credentials("1008a", "right-password").start().awaitSuccess(WAIT);
        }
        Sipp offline = Sipp.scenario("star-code").localPort(15116).target(GATEWAY)
                .key("device", "1008a").key("tenant", TENANT).key("dial", "*52").key("rtp_port", 15117)
                .credentials("1008a", "right-password").start();

        StarCodeDialed dialed = awaitEvent(StarCodeDialed.class,
                e -> e.device().equals(DeviceId.of("1008a", Tenant.of(TENANT))));
        assertThat(dialed.code()).as("the refused codes were not reported").isEqualTo("*52");
        offline.awaitSuccess(WAIT);
    }

    /** Counts well-formed PCMU RTP packets until the stream stops. */
    private static int countRtpPackets(DatagramSocket socket) throws Exception {
        byte[] buffer = new byte[2048];
        int count = 0;
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return count;
            }
            boolean version2 = (buffer[0] & 0xC0) == 0x80;
            boolean pcmu = (buffer[1] & 0x7F) == 0;
            if (version2 && pcmu && packet.getLength() == 12 + 160) {
                count++;
            }
            socket.setSoTimeout(1000);
        }
    }

    private void register(String scenario, String device, String tenant, String password, int port, int expires) {
        Sipp.scenario(scenario).localPort(port).target(GATEWAY)
                .key("device", device).key("tenant", tenant).key("contact_port", port).key("expires", expires)
                .credentials(device, password).start().awaitSuccess(WAIT);
    }

    private List<Map<String, Object>> devices(String tenant) {
        return http().get().uri("/tenants/{tenant}/devices", tenant).retrieve()
                .body(new ParameterizedTypeReference<>() { });
    }

    private <E> E awaitEvent(Class<E> type, Predicate<E> condition) {
        return type.cast(probe.await(envelope -> type.isInstance(envelope.data())
                && condition.test(type.cast(envelope.data())), WAIT).data());
    }
}
