package io.ccagent.queue;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.identity.Role;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import io.ccagent.testkit.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** queue-service on a real broker and MongoDB, with the test playing the telephony gateway and agent-service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Tenant TENANT = Tenant.of("queue-it.example.com");
    private static final AgentId DANA = AgentId.of("1002", TENANT);
    private static final AgentId LEE = AgentId.of("1003", TENANT);
    private static final QueueId SALES = QueueId.of("8001", TENANT);

    private static EventSender sender;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "queue-service-it");
    }

    @BeforeAll
    static void openSender() {
        sender = new EventSender(SharedInfrastructure.get());
    }

    @AfterAll
    static void closeSender() {
        sender.close();
    }

    private RestClient http(String role) {
        return http("1100@" + TENANT.domain(), role);
    }

    private RestClient http(String login, String role) {
        return http(TENANT, login, role);
    }

    private RestClient http(Tenant tenant, String role) {
        return http(tenant, "1100@" + tenant.domain(), role);
    }

    private RestClient http(Tenant tenant, String login, String role) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .requestInterceptor(ServiceTokensForTests.as(tenant.domain(), login, Role.valueOf(role)))
                .build();
    }

    @Test
    void aCallerIsOfferedAndAfterWrapUpTheNextCallerGoesToTheOtherAgent() {
        try (TopicProbe commands = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.ROUTING_COMMANDS);
             TopicProbe settings = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.QUEUE_EVENTS);
             TopicProbe facts = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.QUEUE_FACTS)) {
            RestClient supervisor = http("SUPERVISOR");
            http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("extension", "8001", "name", "Sales", "type", "ROUND_ROBIN", "wrapUpSeconds", 30,
                            "agentRingTimeoutSeconds", 20, "queueRingTimeoutSeconds", 300,
                            "unansweredAction", "VOICEMAIL", "timeZone", "America/New_York"))
                    .retrieve().toBodilessEntity();
            for (AgentId agent : List.of(DANA, LEE)) {
                Map<?, ?> view = supervisor.put().uri("/tenants/{t}/queues/8001/members/{d}", TENANT.domain(),
                                agent.extension()).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("agent", agent.toString(), "priority", 1, "order", 1, "tier", 1))
                        .retrieve().body(Map.class);
                assertThat(view.get("name")).isEqualTo("Sales");
            }
            settings.await(e -> e.data() instanceof QueueConfigured, WAIT);

            for (AgentId agent : List.of(DANA, LEE)) {
                sender.send(new DeviceRegistered(TENANT, device(agent), agent, "sip:" + agent, Instant.now().plusSeconds(3600)));
                sender.send(new QueueLoginChanged(agent, SALES, true, ChangeSource.PORTAL, agent.toString()));
                sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL,
                        agent.toString()));
                facts.await(e -> e.data() instanceof AgentAvailabilityChanged change && change.agent().equals(agent)
                        && change.queues().stream().anyMatch(AgentAvailabilityChanged.QueueAvailability::available), WAIT);
            }

            sender.send(arrival("it-call-1"));
            OfferCall first = offerFor(commands, "it-call-1");
            AgentId answering = first.targets().get(0).agent();
            sender.send(new CallAnswered(TENANT, CallId.of("it-call-1"), device(answering), answering, SALES));
            sender.send(new CallEnded(TENANT, CallId.of("it-call-1"), EndCause.AGENT_HANGUP));
            sender.send(new WrapUpStarted(answering, CallId.of("it-call-1"), SALES, Instant.now().plusSeconds(30)));

            sender.send(arrival("it-call-2"));
            OfferCall second = offerFor(commands, "it-call-2");
            assertThat(second.targets()).extracting(OfferTarget::agent).containsExactly(answering.equals(DANA) ? LEE : DANA);

            eventually(() -> http(answering.toString(), "AGENT").get().uri("/tenants/{t}/agents/{e}/availability", TENANT.domain(),
                    answering.extension()).retrieve().body(List.class).toString(), rows -> rows.contains("WRAP_UP"));
            eventually(() -> http("AGENT").get().uri("/tenants/{t}/queues/8001/callers", TENANT.domain())
                    .retrieve().body(List.class).toString(), callers -> callers.contains("it-call-2"));
            eventually(() -> http("AGENT").get().uri("/tenants/{t}/agent-statuses", TENANT.domain())
                    .retrieve().body(List.class).toString(), statuses -> statuses.contains("1003@queue-it.example.com")
                    && statuses.contains("ONLINE"));
        }
    }

    @Test
    void whenASecondInstanceJoinsOneOfThemRoutesTheTenantFromStateRebuiltFromTheLog() {
        Tenant tenant = Tenant.of("rebuild-it.example.com");
        QueueId queue = QueueId.of("8001", tenant);
        AgentId first = AgentId.of("2001", tenant);
        AgentId second = AgentId.of("2002", tenant);
        try (TopicProbe commands = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.ROUTING_COMMANDS)) {
            sender.send(new QueueConfigured(queue, "Rebuild", QueueType.ROUND_ROBIN, 0, 600, 3600,
                    UnansweredAction.STAY_IN_QUEUE, null, "UTC", "it"));
            for (AgentId agent : List.of(first, second)) {
                DeviceId device = DeviceId.of(agent.extension(), tenant);
                sender.send(new QueueMemberAdded(queue, device, agent, 1, 1, 1, "it"));
                sender.send(new DeviceRegistered(tenant, device, agent, "sip:" + agent, Instant.now().plusSeconds(3600)));
                sender.send(new QueueLoginChanged(agent, queue, true, ChangeSource.PORTAL, "it"));
                sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE,
                        ChangeSource.PORTAL, "it"));
            }
            sender.send(new CallArrived(tenant, CallId.of("rebuild-1"), "+15550101", null, "8001", queue, null,
                    CallOrigin.EXTERNAL));
            OfferCall ringing = offerFor(commands, "rebuild-1");
            AgentId busy = ringing.targets().get(0).agent();

            // the same service again, in the same consumer groups: the partitions are shared out anew and every
            // owner forgets its routing state and rebuilds it from the log
            // command-line arguments, not builder properties: those are defaults that application.yml's port beats
            try (ConfigurableApplicationContext other = new SpringApplicationBuilder(QueueServiceApplication.class)
                    .run("--PORT=0",
                            "--KAFKA_BOOTSTRAP_SERVERS=" + SharedInfrastructure.get().kafkaBootstrapServers(),
                            "--MONGODB_URI=" + SharedInfrastructure.get().mongoUri(),
                            "--MONGODB_DATABASE=queue-service-it",
                            "--service-token.secret=" + ServiceTokensForTests.SECRET)) {
                sender.send(new CallArrived(tenant, CallId.of("rebuild-2"), "+15550102", null, "8001", queue, null,
                        CallOrigin.EXTERNAL));
                List<OfferCall> offers = awaitOffers(commands, "rebuild-2", 1);
                assertThat(offers.get(0).targets()).extracting(OfferTarget::agent)
                        .as("the owner knows who is still ringing for the first caller")
                        .containsExactly(busy.equals(first) ? second : first);
                List<Envelope> later = commands.drain(Duration.ofSeconds(3));
                assertThat(later).as("one instance routes the tenant")
                        .filteredOn(e -> e.data() instanceof OfferCall o && o.call().value().equals("rebuild-2"))
                        .hasSize(1);
                assertThat(later).as("the replayed arrival was not offered again")
                        .filteredOn(e -> e.data() instanceof OfferCall o && o.call().value().equals("rebuild-1"))
                        .hasSize(1);
            }
        }
    }

    @Test
    void agentsMayNotChangeQueues() {
        HttpStatusCode status = http("AGENT").put().uri("/tenants/{t}/queues/8009", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "X", "type", "RING_ALL", "wrapUpSeconds", 0, "agentRingTimeoutSeconds", 20,
                        "queueRingTimeoutSeconds", 60))
                .exchange((request, response) -> response.getStatusCode());
        assertThat(status).isEqualTo(HttpStatus.FORBIDDEN);
        HttpStatusCode nothingStored = http("AGENT").get().uri("/tenants/{t}/queues/8009", TENANT.domain())
                .exchange((request, response) -> response.getStatusCode());
        assertThat(nothingStored).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void badSettingsAreRefusedWithAReadableReason() {
        String detail = http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("extension", "8010", "name", "X", "type", "ROUND_ROBIN", "wrapUpSeconds", -5, "agentRingTimeoutSeconds", 20,
                        "queueRingTimeoutSeconds", 60))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(detail).startsWith("400").contains("wrapUpSeconds must be at least 0");

        String unknownType = http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("extension", "8010", "name", "X", "type", "LONGEST_HOLD", "wrapUpSeconds", 0, "agentRingTimeoutSeconds", 20,
                        "queueRingTimeoutSeconds", 60))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(unknownType).startsWith("400").contains("unknown type 'LONGEST_HOLD'");
    }

    @Test
    void aMemberOfAnotherTenantIsRefused() {
        http("SYSTEM").post().uri("/tenants/{t}/queues", TENANT.domain()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("extension", "8011", "name", "Billing", "type", "LINEAR_HUNT", "wrapUpSeconds", 0,
                        "agentRingTimeoutSeconds", 20, "queueRingTimeoutSeconds", 60))
                .retrieve().toBodilessEntity();
        String answer = http("SYSTEM").put().uri("/tenants/{t}/queues/8011/members/1002", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", "1002@elsewhere.example.com", "priority", 1))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(answer).startsWith("400").contains("belongs to another tenant");
    }

    @Test
    void aPutToAnUnusedExtensionCreatesNoQueue() {
        String answer = http("OFFICE_MANAGER").put().uri("/tenants/{t}/queues/9999", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON)
                .body(queueSettings("Ghost", "STAY_IN_QUEUE", null))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + response.getHeaders().getContentType() + " " + new String(response.getBody().readAllBytes()));
        assertThat(answer).startsWith("404 application/problem+json").contains("no queue 9999@" + TENANT.domain());
        assertThat(status(http("AGENT").get().uri("/tenants/{t}/queues/9999", TENANT.domain())))
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void onlyAnOfficeManagerCreatesAQueueAndOnlyOnce() {
        Map<String, Object> body = new java.util.HashMap<>(queueSettings("Returns", "VOICEMAIL", null));
        body.put("extension", "8012");
        assertThat(status(http("SUPERVISOR").post().uri("/tenants/{t}/queues", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(body))).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status(http("AGENT").get().uri("/tenants/{t}/queues/8012", TENANT.domain())))
                .as("a refused creation stores nothing").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(body))).isEqualTo(HttpStatus.CREATED);
        String again = http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(again).startsWith("409").contains("exists already");
        assertThat(status(http("SUPERVISOR").delete().uri("/tenants/{t}/queues/8012", TENANT.domain())))
                .as("supervisors edit queues but do not delete them").isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void deletingAQueueSendsItsWaitingCallerToVoicemailAndRemovesItsMembers() {
        QueueId returns = QueueId.of("8013", TENANT);
        AgentId kim = AgentId.of("1013", TENANT);
        try (TopicProbe commands = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.ROUTING_COMMANDS);
             TopicProbe events = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.QUEUE_EVENTS);
             TopicProbe facts = TopicProbe.fromNow(SharedInfrastructure.get(), Topics.QUEUE_FACTS)) {
            Map<String, Object> body = new java.util.HashMap<>(queueSettings("Returns", "STAY_IN_QUEUE", null));
            body.put("extension", returns.extension());
            http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
            http("SUPERVISOR").put().uri("/tenants/{t}/queues/8013/members/1013", TENANT.domain())
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("agent", kim.toString(), "priority", 1))
                    .retrieve().toBodilessEntity();
            events.await(e -> e.data() instanceof QueueMemberAdded added && added.queue().equals(returns), WAIT);
            sender.send(new CallArrived(TENANT, CallId.of("it-deleted-1"), "+15550113", "Pat Caller", "8013",
                    returns, null, CallOrigin.EXTERNAL));
            facts.await(e -> e.data() instanceof CallerWaiting waiting && waiting.call().value().equals("it-deleted-1"),
                    WAIT);

            assertThat(status(http("OFFICE_MANAGER").delete().uri("/tenants/{t}/queues/8013", TENANT.domain())))
                    .isEqualTo(HttpStatus.NO_CONTENT);

            Envelope sentOn = commands.await(e -> e.data() instanceof ApplyUnansweredAction action
                    && action.call().value().equals("it-deleted-1"), WAIT);
            assertThat(((ApplyUnansweredAction) sentOn.data()).action())
                    .as("a queue that kept callers waiting sends them to its voicemail, never drops them")
                    .isEqualTo(UnansweredAction.VOICEMAIL);
            events.await(e -> e.data() instanceof QueueMemberRemoved removed && removed.agent().equals(kim), WAIT);
            events.await(e -> e.data() instanceof QueueDeleted deleted && deleted.queue().equals(returns), WAIT);
            facts.await(e -> e.data() instanceof CallerLeft left && left.call().value().equals("it-deleted-1"), WAIT);
            assertThat(status(http("AGENT").get().uri("/tenants/{t}/queues/8013", TENANT.domain())))
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(status(http("OFFICE_MANAGER").delete().uri("/tenants/{t}/queues/8013", TENANT.domain())))
                    .isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void aPhoneOfOneAgentCannotBeAttachedToAnotherAgent() {
        http("SYSTEM").post().uri("/tenants/{t}/queues", TENANT.domain()).contentType(MediaType.APPLICATION_JSON)
                .body(withExtension("8014", queueSettings("Support", "VOICEMAIL", null)))
                .retrieve().toBodilessEntity();
        http("SYSTEM").post().uri("/tenants/{t}/queues", TENANT.domain()).contentType(MediaType.APPLICATION_JSON)
                .body(withExtension("8015", queueSettings("Billing", "VOICEMAIL", null)))
                .retrieve().toBodilessEntity();
        AgentId owner = AgentId.of("1014", TENANT);
        sender.send(new AgentProvisioned(owner, "Owner", null, List.of(DeviceId.of("1014", TENANT)), "UTC"));
        RestClient supervisor = http("SUPERVISOR");

        // device owners are written before the status rows of the same poll: once the row is there, so is the owner
        eventually(() -> http("AGENT").get().uri("/tenants/{t}/agent-statuses", TENANT.domain())
                .retrieve().body(String.class), rows -> rows.contains("1014@" + TENANT.domain()));
        String answer = supervisor.put().uri("/tenants/{t}/queues/8014/members/1014", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("agent", DANA.toString(), "priority", 1))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + response.getHeaders().getContentType() + " " + new String(response.getBody().readAllBytes()));
        assertThat(answer).startsWith("409 application/problem+json")
                .contains("phone 1014 belongs to agent 1014, not to 1002");
        assertThat(supervisor.get().uri("/tenants/{t}/queues/8014", TENANT.domain()).retrieve().body(String.class))
                .as("the refused phone is not listed").doesNotContain("1014@");

        // a phone no agent was provisioned with stays with the first agent it joined a queue for
        supervisor.put().uri("/tenants/{t}/queues/8014/members/1099x", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("agent", DANA.toString(), "priority", 1))
                .retrieve().toBodilessEntity();
        String elsewhere = supervisor.put().uri("/tenants/{t}/queues/8015/members/1099x", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("agent", LEE.toString(), "priority", 1))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(elsewhere).startsWith("409").contains("is in queue 8014 for agent 1002");
        String here = supervisor.put().uri("/tenants/{t}/queues/8014/members/1099x", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("agent", LEE.toString(), "priority", 1))
                .exchange((request, response) -> response.getStatusCode().value() + " "
                        + new String(response.getBody().readAllBytes()));
        assertThat(here).startsWith("409");
    }

    @Test
    void aForwardTargetMustBeSomethingTheGatewayCanDial() {
        for (String undialable : List.of("555 1234", "<script>", "sip:1001@other.example.com", "12-34")) {
            String answer = http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(withExtension("8016", queueSettings("Overflow", "FORWARD", undialable)))
                    .exchange((request, response) -> response.getStatusCode().value() + " "
                            + new String(response.getBody().readAllBytes()));
            assertThat(answer).as(undialable).startsWith("400").contains("cannot be dialed");
        }
        Map<?, ?> created = http("OFFICE_MANAGER").post().uri("/tenants/{t}/queues", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON)
                .body(withExtension("8016", queueSettings("Overflow", "FORWARD", "sip:1001@" + TENANT.domain())))
                .retrieve().body(Map.class);
        assertThat(created.get("unansweredTarget")).isEqualTo("1001");
        Map<?, ?> edited = http("SUPERVISOR").put().uri("/tenants/{t}/queues/8016", TENANT.domain())
                .contentType(MediaType.APPLICATION_JSON).body(queueSettings("Overflow", "FORWARD", "+15551234"))
                .retrieve().body(Map.class);
        assertThat(edited.get("unansweredTarget")).isEqualTo("+15551234");
    }

    @Test
    void theStatusRowsShowWhoIsOnACall() {
        AgentId pat = AgentId.of("1017", TENANT);
        sender.send(new AgentStatusChanged(pat, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL, "it"));
        sender.send(new AgentCallStarted(pat, CallId.of("it-talk-1"), SALES, DeviceId.of("1017", TENANT)));
        eventually(() -> http("AGENT").get().uri("/tenants/{t}/agent-statuses", TENANT.domain())
                .retrieve().body(String.class), rows -> rows.contains("\"agent\":\"1017@" + TENANT.domain()
                + "\",\"status\":\"ONLINE\"") && rows.contains("\"onCall\":\"it-talk-1\""));
        sender.send(new AgentCallEnded(pat, CallId.of("it-talk-1"), SALES));
        eventually(() -> http("AGENT").get().uri("/tenants/{t}/agent-statuses", TENANT.domain())
                .retrieve().body(String.class), rows -> !rows.contains("it-talk-1") && rows.contains("1017@"));
    }

    @Test
    void aWallboardPageAsksForTheStatusesAndAvailabilityOfItsAgentsOnly() {
        AgentId ray = AgentId.of("1021", TENANT);
        AgentId sam = AgentId.of("1022", TENANT);
        AgentId tom = AgentId.of("1023", TENANT);
        for (AgentId agent : List.of(ray, sam, tom)) {
            sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE, ChangeSource.PORTAL,
                    "it"));
        }
        eventually(() -> http("SUPERVISOR").get().uri("/tenants/{t}/agent-statuses", TENANT.domain())
                .retrieve().body(String.class), rows -> rows.contains("1021@") && rows.contains("1023@"));

        String page = http("SUPERVISOR").get().uri("/tenants/{t}/agent-statuses?agents={a}", TENANT.domain(),
                "1023,1021").retrieve().body(String.class);
        assertThat(page).contains("\"agent\":\"1021@" + TENANT.domain() + "\",\"status\":\"ONLINE\"")
                .contains("1023@" + TENANT.domain()).doesNotContain("1022@").doesNotContain("1002@");
        assertThat(page.indexOf("1021@")).as("ordered by agent").isLessThan(page.indexOf("1023@"));
        assertThat(http("SUPERVISOR").get().uri("/tenants/{t}/agent-statuses?agents=", TENANT.domain())
                .retrieve().body(String.class)).isEqualTo("[]");
        assertThat(http("SUPERVISOR").get().uri("/tenants/{t}/availability?agents={a}", TENANT.domain(), "1099")
                .retrieve().body(String.class)).as("an agent without rows").isEqualTo("[]");
        assertThat(http("SUPERVISOR").get().uri("/tenants/{t}/availability?agents=", TENANT.domain())
                .retrieve().body(String.class)).isEqualTo("[]");
    }

    /**
     * The wallboard's queue listing, provisioned as the wallboard benchmark does (office manager POSTs, supervisor
     * PUTs from several threads) and listed whole in one answer: every queue, every member once, callers waiting.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTenantOfManyQueuesIsListedWholeWithEveryMemberAndItsCallersWaiting() throws Exception {
        Tenant large = Tenant.of("listing-it.example.com");
        int queues = 20; // the listing's cost at 5,000 members is the wallboard benchmark's to show
        int agents = 600;
        RestClient manager = http(large, "OFFICE_MANAGER");
        for (int queue = 0; queue < queues; queue++) {
            manager.post().uri("/tenants/{t}/queues", large.domain()).contentType(MediaType.APPLICATION_JSON)
                    .body(withExtension(String.valueOf(8000 + queue), queueSettings("Queue " + queue, "VOICEMAIL",
                            null))).retrieve().toBodilessEntity();
        }
        RestClient supervisor = http(large, "SUPERVISOR");
        ExecutorService workers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int agent = 0; agent < agents; agent++) {
                String extension = String.valueOf(10_000 + agent);
                int queue = 8000 + agent % queues;
                int order = agent % 7;
                puts.add(workers.submit(() -> supervisor.put()
                        .uri("/tenants/{t}/queues/{q}/members/{d}", large.domain(), queue, extension + "a")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("agent", extension + "@" + large.domain(), "order", order))
                        .retrieve().toBodilessEntity()));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            workers.shutdown();
        }
        QueueId waitingIn = QueueId.of("8007", large);
        sender.send(new CallerWaiting(waitingIn, CallId.of("listing-1"), "+15550201", null, Instant.now()));
        sender.send(new CallerWaiting(waitingIn, CallId.of("listing-2"), "+15550202", null, Instant.now()));
        eventually(() -> http(large, "AGENT").get().uri("/tenants/{t}/queues/8007", large.domain())
                .retrieve().body(Map.class).get("callersWaiting").toString(), "2"::equals);

        List<Map<String, Object>> listed = http(large, "AGENT").get().uri("/tenants/{t}/queues", large.domain())
                .retrieve().body(new ParameterizedTypeReference<>() {
                });

        assertThat(listed).extracting(queue -> queue.get("extension"))
                .containsExactlyElementsOf(IntStream.range(0, queues).mapToObj(q -> String.valueOf(8000 + q)).toList());
        for (Map<String, Object> queue : listed) {
            int index = Integer.parseInt((String) queue.get("extension")) - 8000;
            List<Map<String, Object>> members = (List<Map<String, Object>>) queue.get("members");
            assertThat(members).as("members of %s", queue.get("queue")).hasSize(agents / queues)
                    .allSatisfy(member -> assertThat(Integer.parseInt(((String) member.get("agent")).split("@")[0])
                            % queues).isEqualTo(index));
            assertThat(members).extracting(member -> (Integer) member.get("order")).isSorted();
            assertThat(queue.get("callersWaiting")).as("callers waiting in %s", queue.get("queue"))
                    .isEqualTo(queue.get("queue").equals(waitingIn.toString()) ? 2 : 0);
        }
        assertThat(listed).flatExtracting(queue -> (List<Map<String, Object>>) queue.get("members"))
                .extracting(member -> member.get("device")).doesNotHaveDuplicates().hasSize(agents);

        List<Map<String, Object>> cards = http(large, "AGENT").get()
                .uri("/tenants/{t}/queues?members=false", large.domain())
                .retrieve().body(new ParameterizedTypeReference<>() {
                });
        assertThat(cards).as("the same listing without member lists").hasSameSizeAs(listed)
                .allSatisfy(card -> assertThat(card).doesNotContainKey("members"));
        for (int index = 0; index < queues; index++) {
            Map<String, Object> whole = new java.util.HashMap<>(listed.get(index));
            whole.remove("members");
            assertThat(cards.get(index)).isEqualTo(whole);
        }
    }

    private static Map<String, Object> queueSettings(String name, String action, String target) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "type", "ROUND_ROBIN",
                "wrapUpSeconds", 0, "agentRingTimeoutSeconds", 20, "queueRingTimeoutSeconds", 60,
                "unansweredAction", action));
        if (target != null) {
            body.put("unansweredTarget", target);
        }
        return body;
    }

    private static Map<String, Object> withExtension(String extension, Map<String, Object> settings) {
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.put("extension", extension);
        return body;
    }

    private static HttpStatusCode status(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> response.getStatusCode());
    }

    @Test
    void aRecordThatIsNotAnEnvelopeGoesToTheDeadLetterTopic() {
        String garbage = "{not json " + java.util.UUID.randomUUID();
        sender.sendRaw(Topics.CALL_EVENTS, TENANT.domain(), garbage.getBytes(StandardCharsets.UTF_8));
        try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-probe-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            deadLetters.subscribe(List.of(Topics.deadLetter(Topics.CALL_EVENTS)));
            Instant deadline = Instant.now().plus(WAIT);
            boolean found = false;
            while (!found && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : deadLetters.poll(Duration.ofMillis(200))) {
                    found |= garbage.equals(record.value());
                }
            }
            assertThat(found).as("the malformed record reached %s", Topics.deadLetter(Topics.CALL_EVENTS)).isTrue();
        }
    }

    private static CallArrived arrival(String call) {
        return new CallArrived(TENANT, CallId.of(call), "+15550100", "Pat Caller", "8001", SALES, null,
                CallOrigin.EXTERNAL);
    }

    private static DeviceId device(AgentId agent) {
        return DeviceId.of(agent.extension(), TENANT);
    }

    private static OfferCall offerFor(TopicProbe commands, String call) {
        Envelope offer = commands.await(e -> e.data() instanceof OfferCall o && o.call().value().equals(call), WAIT);
        return (OfferCall) offer.data();
    }

    private static List<OfferCall> awaitOffers(TopicProbe commands, String call, int count) {
        Instant deadline = Instant.now().plus(WAIT);
        List<OfferCall> offers;
        do {
            offers = commands.drain(Duration.ofMillis(200)).stream().map(Envelope::data)
                    .filter(OfferCall.class::isInstance).map(OfferCall.class::cast)
                    .filter(offer -> offer.call().value().equals(call)).toList();
        } while (offers.size() < count && Instant.now().isBefore(deadline));
        assertThat(offers).as("offers of %s", call).hasSize(count);
        return offers;
    }

    private static void eventually(Supplier<String> read, java.util.function.Predicate<String> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        String last = read.get();
        while (!condition.test(last) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        assertThat(condition.test(last)).as("eventually true, last read: %s", last).isTrue();
    }
}
