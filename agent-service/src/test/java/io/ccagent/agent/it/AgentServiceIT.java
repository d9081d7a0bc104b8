package io.ccagent.agent.it;

import io.ccagent.agent.agents.AgentView;
import io.ccagent.agent.agents.AgentViews;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentCallEnded;
import io.ccagent.contracts.agent.AgentCallStarted;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.identity.Role;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.Infrastructure;
import io.ccagent.testkit.ServiceTokensForTests;
import io.ccagent.testkit.SharedInfrastructure;
import io.ccagent.testkit.SpringInfrastructure;
import io.ccagent.testkit.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The service on a real broker and MongoDB: HTTP and Kafka in, {@code agent.events} out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AgentServiceIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Infrastructure INFRA = SharedInfrastructure.get();
    private static TopicProbe agentEvents;
    private static EventSender sender;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        SpringInfrastructure.register(registry, "agent-service-it");
        registry.add("spring.cloud.stream.bindings.callEvents-in-0.group", () -> "agent-service-it");
        registry.add("spring.cloud.stream.bindings.queueEvents-in-0.group", () -> "agent-service-it");
        registry.add("cca.agent.snapshot-after-events", () -> "5");
    }

    @LocalServerPort
    int port;
    @Autowired
    AgentViews views;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventStorageEngine events;

    @BeforeAll
    static void openProbes() {
        agentEvents = TopicProbe.fromStart(INFRA, Topics.AGENT_EVENTS);
        sender = new EventSender(INFRA);
    }

    @AfterAll
    static void closeProbes() {
        agentEvents.close();
        sender.close();
    }

    private RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    private ResponseEntity<String> call(String method, String path, Object body) {
        var spec = http().method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION,
                        ServiceTokensForTests.bearer("it.example.com", "1100@it.example.com", Role.SUPERVISOR));
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.retrieve().toEntity(String.class);
    }

    private AgentId provision(String ext, String... devices) {
        ResponseEntity<String> answer = call("PUT", "/tenants/it.example.com/agents/" + ext,
                Map.of("name", "Agent " + ext, "email", ext + "@mail.example.com", "devices", List.of(devices),
                        "timeZone", "Europe/Berlin"));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return AgentId.parse(ext + "@it.example.com");
    }

    private void joinQueue(AgentId agent, QueueId queue, DeviceId device, int wrapUpSeconds) {
        sender.send(new QueueConfigured(queue, "Queue " + queue.extension(), QueueType.ROUND_ROBIN, wrapUpSeconds,
                20, 300, UnansweredAction.VOICEMAIL, null, "Europe/Berlin", "1100@it.example.com"));
        sender.send(new QueueMemberAdded(queue, device, agent, 1, 1, 1, "1100@it.example.com"));
        Eventually.until(agent + " is a member of " + queue, () -> views.find(agent).orElseThrow().queues().stream()
                .anyMatch(q -> q.queue().equals(queue)));
    }

    @Test
    void removingOneOfTwoPhonesFromAQueueLeavesThePriorityRoutingUsesNotZero() {
        AgentId agent = provision("2031", "2031a", "2031b");
        QueueId support = QueueId.parse("8131@it.example.com");
        DeviceId desk = DeviceId.parse("2031a@it.example.com");
        DeviceId soft = DeviceId.parse("2031b@it.example.com");
        sender.send(new QueueConfigured(support, "Support", QueueType.RING_ALL, 0, 20, 300,
                UnansweredAction.VOICEMAIL, null, "Europe/Berlin", "1100@it.example.com"));
        sender.send(new QueueMemberAdded(support, desk, agent, 2, 1, 1, "1100@it.example.com"));
        sender.send(new QueueMemberAdded(support, soft, agent, 5, 2, 1, "1100@it.example.com"));
        Eventually.until("both phones in " + support, () -> priorityIn(agent, support) != null
                && views.find(agent).orElseThrow().queues().get(0).devices().size() == 2);
        assertThat(priorityIn(agent, support)).as("the lowest of the phones' priorities").isEqualTo(2);

        sender.send(new QueueMemberRemoved(support, desk, agent, "1100@it.example.com"));

        Eventually.until("one phone left in " + support,
                () -> views.find(agent).orElseThrow().queues().get(0).devices().equals(List.of(soft)));
        assertThat(priorityIn(agent, support)).isEqualTo(5);
    }

    private Integer priorityIn(AgentId agent, QueueId queue) {
        return views.find(agent).orElseThrow().queues().stream().filter(q -> q.queue().equals(queue))
                .map(AgentView.QueueView::priority).findFirst().orElse(null);
    }

    @Test
    void aStatusChangeOverHttpIsPublishedOnAgentEvents() {
        AgentId agent = provision("2001", "2001a");

        ResponseEntity<String> answer = call("POST", "/tenants/it.example.com/agents/2001/status",
                Map.of("status", "ONLINE"));

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody()).contains("\"status\":\"ONLINE\"");
        Envelope published = agentEvents.await(e -> e.data() instanceof AgentStatusChanged changed
                && changed.agent().equals(agent) && changed.to() == AgentStatus.ONLINE, WAIT);
        AgentStatusChanged changed = (AgentStatusChanged) published.data();
        assertThat(changed.source()).isEqualTo(ChangeSource.SUPERVISOR);
        assertThat(changed.actor()).isEqualTo("1100@it.example.com");
        assertThat(published.key()).isEqualTo("it.example.com");
    }

    @Test
    void starCodesInBecomeStatusAndQueueLoginsOnAgentEvents() {
        AgentId agent = provision("2002", "2002a", "2002b");
        DeviceId desk = DeviceId.parse("2002a@it.example.com");
        QueueId sales = QueueId.parse("8101@it.example.com");
        joinQueue(agent, sales, desk, 0);

        sender.send(new StarCodeDialed(agent.tenant(), CallId.of("star-" + UUID.randomUUID()),
                DeviceId.parse("2002b@it.example.com"), agent, "*51"));
        agentEvents.await(e -> e.data() instanceof AgentStatusChanged changed && changed.agent().equals(agent)
                && changed.to() == AgentStatus.ONLINE && changed.source() == ChangeSource.STAR_CODE, WAIT);

        sender.send(new StarCodeDialed(agent.tenant(), CallId.of("star-" + UUID.randomUUID()), desk, agent, "*52"));
        agentEvents.await(e -> e.data() instanceof QueueLoginChanged login && login.agent().equals(agent)
                && login.queue().equals(sales) && !login.loggedIn() && login.source() == ChangeSource.STAR_CODE, WAIT);
        assertThat(views.find(agent).orElseThrow().status()).isEqualTo(AgentStatus.OFFLINE);
    }

    @Test
    void aStarCodeFromAPhoneOfNobodyIsRejectedAndCountedAndTheConsumerKeepsGoing() {
        AgentId agent = provision("2003", "2003a");
        double rejectedBefore = meters.counter("cca.agent.starcodes.rejected").count();

        sender.send(new StarCodeDialed(agent.tenant(), CallId.of("star-" + UUID.randomUUID()),
                DeviceId.parse("9999x@it.example.com"), agent, "*51"));
        sender.sendRaw(Topics.CALL_EVENTS, "it.example.com", "not an envelope".getBytes(StandardCharsets.UTF_8));
        sender.send(new StarCodeDialed(agent.tenant(), CallId.of("star-" + UUID.randomUUID()),
                DeviceId.parse("2003a@it.example.com"), agent, "*50"));

        agentEvents.await(e -> e.data() instanceof AgentStatusChanged changed && changed.agent().equals(agent)
                && changed.to() == AgentStatus.SINGLE_CALL, WAIT);
        assertThat(meters.counter("cca.agent.starcodes.rejected").count()).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void aQueueCallGoesThroughOnCallAndWrapUpWhichEndsByItself() {
        AgentId agent = provision("2004", "2004a");
        DeviceId desk = DeviceId.parse("2004a@it.example.com");
        QueueId support = QueueId.parse("8102@it.example.com");
        joinQueue(agent, support, desk, 1);
        CallId call = CallId.of("call-" + UUID.randomUUID());

        sender.send(new CallAnswered(agent.tenant(), call, desk, agent, support));
        sender.send(new CallEnded(agent.tenant(), call, EndCause.CALLER_HANGUP));

        agentEvents.await(e -> e.data() instanceof AgentCallStarted started && started.call().equals(call), WAIT);
        agentEvents.await(e -> e.data() instanceof WrapUpStarted started && started.call().equals(call), WAIT);
        agentEvents.await(e -> e.data() instanceof WrapUpEnded ended && ended.call().equals(call), WAIT);
        assertThat(views.find(agent).orElseThrow().wrapUpUntil()).isNull();
    }

    @Test
    void endingWrapUpEarlyOverHttpIsPublishedAndRecordedWithWhoAsked() {
        AgentId agent = provision("2012", "2012a");
        DeviceId desk = DeviceId.parse("2012a@it.example.com");
        QueueId support = QueueId.parse("8112@it.example.com");
        joinQueue(agent, support, desk, 3600);
        CallId call = CallId.of("call-" + UUID.randomUUID());
        sender.send(new CallAnswered(agent.tenant(), call, desk, agent, support));
        sender.send(new CallEnded(agent.tenant(), call, EndCause.CALLER_HANGUP));
        agentEvents.await(e -> e.data() instanceof WrapUpStarted started && started.call().equals(call), WAIT);

        ResponseEntity<String> answer = call("POST", "/tenants/it.example.com/agents/2012/wrap-up/end", null);

        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody()).contains("\"wrapUpUntil\":null").contains("agent.WrapUpEnded");
        agentEvents.await(e -> e.data() instanceof WrapUpEnded ended && ended.call().equals(call), WAIT);
        Eventually.until("the early end is in the history with the supervisor as actor", () -> {
            String body = call("GET", "/tenants/it.example.com/agents/2012/history", null).getBody();
            return body != null && body.contains(
                    "\"description\":\"Wrap-up over\",\"source\":\"SUPERVISOR\",\"actor\":\"1100@it.example.com\"");
        });
    }

    @Test
    void anEndThatOvertakesTheAnswerIsRecordedNotACrash() {
        AgentId agent = provision("2005", "2005a");
        DeviceId desk = DeviceId.parse("2005a@it.example.com");
        CallId call = CallId.of("call-" + UUID.randomUUID());

        sender.send(new CallEnded(agent.tenant(), call, EndCause.CALLER_HANGUP));
        sender.send(new CallAnswered(agent.tenant(), call, desk, agent, null));

        agentEvents.await(e -> e.data() instanceof AgentCallStarted started && started.call().equals(call), WAIT);
        agentEvents.await(e -> e.data() instanceof AgentCallEnded ended && ended.call().equals(call), WAIT);
        assertThat(views.find(agent).orElseThrow().onCall()).isNull();
    }

    @Test
    void aCallAnsweredAgainByAnotherAgentEndsTheFirstAgentsPartOfIt() {
        AgentId first = provision("2041", "2041a");
        AgentId second = provision("2042", "2042a");
        CallId call = CallId.of("call-" + UUID.randomUUID());

        sender.send(new CallAnswered(first.tenant(), call, DeviceId.parse("2041a@it.example.com"), first, null));
        agentEvents.await(e -> e.data() instanceof AgentCallStarted started && started.agent().equals(first)
                && started.call().equals(call), WAIT);
        sender.send(new CallAnswered(second.tenant(), call, DeviceId.parse("2042a@it.example.com"), second, null));

        agentEvents.await(e -> e.data() instanceof AgentCallEnded ended && ended.agent().equals(first)
                && ended.call().equals(call), WAIT);
        agentEvents.await(e -> e.data() instanceof AgentCallStarted started && started.agent().equals(second)
                && started.call().equals(call), WAIT);
        assertThat(views.find(first).orElseThrow().onCall()).isNull();
        assertThat(views.find(second).orElseThrow().onCall().call()).isEqualTo(call);
    }

    @Test
    void badRequestsGetAProblemAndStoreNothing() {
        AgentId agent = provision("2006", "2006a");
        AgentView before = views.find(agent).orElseThrow();

        ResponseEntity<String> unknownStatus = call("POST", "/tenants/it.example.com/agents/2006/status",
                Map.of("status", "DANCING"));
        ResponseEntity<String> notAMember = call("POST", "/tenants/it.example.com/agents/2006/queues/8999/login",
                Map.of("loggedIn", true));
        ResponseEntity<String> notMyPhone = call("POST", "/tenants/it.example.com/agents/2006/devices/2007a/active",
                Map.of("active", false));
        ResponseEntity<String> unknownAgent = call("POST", "/tenants/it.example.com/agents/7777/status",
                Map.of("status", "ONLINE"));
        ResponseEntity<String> otherTenant = http().post().uri("/tenants/it.example.com/agents/2006/status")
                .header(HttpHeaders.AUTHORIZATION,
                        ServiceTokensForTests.bearer("other.example.com", "1002@other.example.com", Role.AGENT))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("status", "ONLINE")).retrieve().toEntity(String.class);

        assertThat(unknownStatus.getStatusCode().value()).isEqualTo(400);
        assertThat(unknownStatus.getBody()).contains("unknown status 'DANCING'");
        assertThat(unknownStatus.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(notAMember.getStatusCode().value()).isEqualTo(409);
        assertThat(notAMember.getBody()).contains("not a member of queue 8999@it.example.com");
        assertThat(notMyPhone.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownAgent.getStatusCode().value()).isEqualTo(404);
        assertThat(otherTenant.getStatusCode().value()).isEqualTo(403);
        assertThat(views.find(agent).orElseThrow()).isEqualTo(before);
        assertThat(views.find(AgentId.parse("7777@it.example.com"))).isEmpty();
    }

    @Test
    void historyListsChangesWithSourceActorAndLocalTime() {
        AgentId agent = provision("2008", "2008a");
        call("POST", "/tenants/it.example.com/agents/2008/status", Map.of("status", "LUNCH"));

        Eventually.until("the status change is in the history", () -> {
            String body = call("GET", "/tenants/it.example.com/agents/2008/history", null).getBody();
            return body != null && body.contains("Status Offline → Lunch");
        });
        String history = call("GET", "/tenants/it.example.com/agents/2008/history", null).getBody();
        assertThat(history).contains("\"source\":\"SUPERVISOR\"").contains("\"actor\":\"1100@it.example.com\"")
                .contains("\"localTime\":").contains("agent.StatusChanged");
        assertThat(views.find(agent).orElseThrow().timeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void provisioningIsIdempotentAndListed() {
        provision("2009", "2009a");
        provision("2009", "2009a");

        // the list is a read model that follows the agents' events
        Eventually.until("2009 is listed", () -> call("GET", "/tenants/it.example.com/agents", null).getBody()
                .contains("\"agent\":\"2009@it.example.com\""));
        String list = call("GET", "/tenants/it.example.com/agents", null).getBody();
        assertThat(list).containsOnlyOnce("\"agent\":\"2009@it.example.com\"");
    }

    /** A call as a supervisor of {@code tenant}. */
    private ResponseEntity<String> callAs(String tenant, String method, String path, Object body) {
        var spec = http().method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, ServiceTokensForTests.bearer(tenant, "1100@" + tenant,
                        Role.SUPERVISOR));
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.retrieve().toEntity(String.class);
    }

    @Test
    void agentsArePagedByIdWithTheirCountsAndFilteredByQueue() {
        String tenant = "paging.example.com";
        String base = "/tenants/" + tenant + "/agents";
        for (String ext : List.of("3005", "3001", "3003", "3002", "3004")) {
            ResponseEntity<String> answer = callAs(tenant, "PUT", base + "/" + ext,
                    Map.of("name", "Agent " + ext, "devices", List.of(ext + "a"), "timeZone", "UTC"));
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        }
        QueueId queue = QueueId.parse("8101@" + tenant);
        for (String ext : List.of("3002", "3004")) {
            joinQueue(AgentId.parse(ext + "@" + tenant), queue, DeviceId.parse(ext + "a@" + tenant), 0);
        }
        callAs(tenant, "POST", base + "/3001/status", Map.of("status", "ONLINE"));
        callAs(tenant, "POST", base + "/3002/status", Map.of("status", "SINGLE_CALL"));
        callAs(tenant, "POST", base + "/3003/status", Map.of("status", "LUNCH"));

        // the pages come from the read model, which follows the agents' events
        Eventually.until("five agents listed, two online, two in 8101", () -> {
            JsonNode all = JSON.readTree(callAs(tenant, "GET", base + "/page?size=2", null).getBody());
            JsonNode members = JSON.readTree(callAs(tenant, "GET", base + "/page?queue=8101", null).getBody());
            return all.path("total").asInt() == 5 && all.path("online").asInt() == 2
                    && members.path("total").asInt() == 2;
        });
        JsonNode first = JSON.readTree(callAs(tenant, "GET", base + "/page?size=2", null).getBody());
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(agentsOf(first)).containsExactly("3001@" + tenant, "3002@" + tenant);
        assertThat(first.path("items").get(1).path("status").asString()).isEqualTo("SINGLE_CALL");

        JsonNode last = JSON.readTree(callAs(tenant, "GET", base + "/page?page=2&size=2", null).getBody());
        assertThat(agentsOf(last)).containsExactly("3005@" + tenant);
        JsonNode past = JSON.readTree(callAs(tenant, "GET", base + "/page?page=9&size=2", null).getBody());
        assertThat(past.path("page").asInt()).as("a page past the last answers the last").isEqualTo(2);
        assertThat(agentsOf(past)).containsExactly("3005@" + tenant);

        JsonNode members = JSON.readTree(callAs(tenant, "GET", base + "/page?queue=8101", null).getBody());
        assertThat(members.path("total").asInt()).isEqualTo(2);
        assertThat(members.path("online").asInt()).isEqualTo(1);
        assertThat(agentsOf(members)).containsExactly("3002@" + tenant, "3004@" + tenant);

        assertThat(callAs(tenant, "GET", base + "/page?size=0", null).getStatusCode().value()).isEqualTo(400);
        assertThat(callAs(tenant, "GET", base + "/page?size=501", null).getStatusCode().value()).isEqualTo(400);
        assertThat(callAs(tenant, "GET", base + "/page?page=-1", null).getStatusCode().value()).isEqualTo(400);
        assertThat(callAs("other-paging.example.com", "GET", base + "/page", null).getStatusCode().value())
                .as("another tenant's supervisor").isEqualTo(403);
        assertThat(call("GET", "/tenants/it.example.com/agents/page?size=500", null).getBody())
                .as("the other tenant's page").doesNotContain(tenant);
        ResponseEntity<String> asAgent = http().get().uri(base + "/page").header(HttpHeaders.AUTHORIZATION,
                ServiceTokensForTests.bearer(tenant, "3001@" + tenant, Role.AGENT)).retrieve().toEntity(String.class);
        assertThat(asAgent.getStatusCode().value()).as("agents do not list their colleagues").isEqualTo(403);
    }

    private static List<String> agentsOf(JsonNode page) {
        List<String> agents = new ArrayList<>();
        page.path("items").forEach(item -> agents.add(item.path("agent").asString()));
        return agents;
    }

    @Test
    void concurrentCommandsOnOneAgentEndInOneConsistentHistory() throws Exception {
        AgentId agent = provision("2010", "2010a");
        List<String> statuses = List.of("ONLINE", "LUNCH", "BREAK", "MEETING", "OTHER", "WEB", "OFFLINE",
                "SINGLE_CALL");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String status = statuses.get(i % statuses.size());
                answers.add(pool.submit(() -> call("POST", "/tenants/it.example.com/agents/2010/status",
                        Map.of("status", status)).getStatusCode().value()));
            }
            for (var answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        // the full stream from sequence 0, not from the latest snapshot
        List<AgentStatusChanged> changes = events.readEvents(agent.toString(), 0).asStream()
                .map(m -> m.getPayload()).filter(AgentStatusChanged.class::isInstance)
                .map(AgentStatusChanged.class::cast).toList();
        AgentStatus previous = AgentStatus.OFFLINE;
        for (AgentStatusChanged change : changes) {
            assertThat(change.from()).as("every change starts where the previous one ended").isEqualTo(previous);
            previous = change.to();
        }
        assertThat(views.find(agent).orElseThrow().status()).isEqualTo(previous);
        assertThat(events.readSnapshot(agent.toString())).as("snapshots taken along the way").isPresent();
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopic() {
        String marker = "garbage-" + UUID.randomUUID();
        sender.sendRaw(Topics.CALL_EVENTS, "it.example.com", marker.getBytes(StandardCharsets.UTF_8));

        try (var dlq = new KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", INFRA.kafkaBootstrapServers(), "group.id", "dlq-probe-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            dlq.subscribe(List.of(Topics.deadLetter(Topics.CALL_EVENTS)));
            boolean[] found = {false};
            Eventually.until("the malformed record is on " + Topics.deadLetter(Topics.CALL_EVENTS), () -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r ->
                        found[0] |= new String(r.value(), StandardCharsets.UTF_8).equals(marker));
                return found[0];
            });
        }
    }

    @Test
    void aRedeliveredStarCodeChangesNothingEvenAfterALaterChange() {
        AgentId agent = provision("2011", "2011a");
        Envelope online = Envelope.of(UUID.randomUUID(), Instant.now(), null, new StarCodeDialed(
                agent.tenant(), CallId.of("star-" + UUID.randomUUID()), DeviceId.parse("2011a@it.example.com"), agent,
                "*51"));
        sender.send(online);
        agentEvents.await(e -> e.data() instanceof AgentStatusChanged changed && changed.agent().equals(agent)
                && changed.to() == AgentStatus.ONLINE, WAIT);
        call("POST", "/tenants/it.example.com/agents/2011/status", Map.of("status", "LUNCH"));

        sender.send(online);
        AgentId marker = provision("2012", "2012a");
        sender.send(new StarCodeDialed(marker.tenant(), CallId.of("star-" + UUID.randomUUID()),
                DeviceId.parse("2012a@it.example.com"), marker, "*51"));
        agentEvents.await(e -> e.data() instanceof AgentStatusChanged changed && changed.agent().equals(marker), WAIT);

        assertThat(views.find(agent).orElseThrow().status()).as("the repeated *51 was ignored")
                .isEqualTo(AgentStatus.LUNCH);
    }
}
