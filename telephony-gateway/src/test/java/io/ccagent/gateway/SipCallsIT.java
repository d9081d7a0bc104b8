package io.ccagent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.DeviceRegistered;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.routing.OfferTarget;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.gateway.queues.QueueDirectory;
import io.ccagent.testkit.EventSender;
import io.ccagent.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Calls through the B2BUA with sipp playing callers, phones and the trunk, and the test playing the router:
 * it reads {@code call.events} and publishes {@code OfferCall}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipCallsIT extends GatewayTestBase {

    private static final String TENANT = "calls.example.com";
    private static final Tenant T = Tenant.of(TENANT);
    private static final QueueId SALES = QueueId.of("8001", T);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "s3cret-pass";
    /** Each phone's REGISTER is sent (and finished) from this port, one at a time. */
    private static final int REGISTRAR_CLIENT_PORT = 15099;

    @Autowired
    QueueDirectory queues;

    private final List<Sipp> started = new java.util.ArrayList<>();
    private TopicProbe probe;
    private EventSender sender;

    @BeforeAll
    void queueAndPhones() {
        sender = new EventSender(infra);
        sender.send(new QueueConfigured(SALES, "Sales", QueueType.RING_ALL, 30, 20, 300,
                UnansweredAction.STAY_IN_QUEUE, null, "UTC", "test"));
        Awaitility.await().atMost(WAIT).until(() -> queues.isQueue(SALES));
        for (String device : List.of("2001a", "2002a", "2003a", "2004a", "2005a", "2006a", "2007a", "2012a",
                "2013a", "2015a", "2016a", "2018a", "2020a")) {
            provisionDevice(TENANT, device, device.substring(0, 4), PASSWORD);
        }
    }

    @BeforeEach
    void openProbe() {
        probe = TopicProbe.fromNow(infra, Topics.CALL_EVENTS);
    }

    @AfterEach
    void cleanUp() {
        started.forEach(Sipp::stop);
        started.clear();
        probe.close();
    }

    @Test
    void queueCallIsAnsweredByTheOfferedPhoneAndEndsWhenTheCallerHangsUp() {
        Sipp agent = phone("2001a", 15071, "agent-answers");
        Sipp caller = caller("caller-hangs-up", "8001", 15079, null);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> e.queue() != null && e.queue().equals(SALES));
        assertThat(arrived.origin()).isEqualTo(CallOrigin.EXTERNAL);
        assertThat(arrived.from()).isEqualTo("+15551230000");
        offer(arrived, 20, "2001a");

        assertThat(awaitEvent(CallRinging.class, e -> e.call().equals(arrived.call())).device()).isEqualTo(device("2001a"));
        CallAnswered answered = awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call()));
        assertThat(answered.device()).isEqualTo(device("2001a"));
        assertThat(answered.queue()).isEqualTo(SALES);
        assertThat(awaitEvent(CallEnded.class, e -> e.call().equals(arrived.call())).cause())
                .isEqualTo(EndCause.CALLER_HANGUP);
        caller.awaitSuccess(WAIT);
        agent.awaitSuccess(WAIT);
    }

    /** RFC 3261 13.3.1.4: a caller that never ACKs the 200 is hung up on after 64*T1, and so is the agent. */
    @Test
    void anAnswerTheCallerNeverAcknowledgesEndsTheCallOnBothSides() {
        Sipp agent = Sipp.scenario("agent-answers").localPort(15086).timeout(Duration.ofSeconds(70)).start();
        started.add(agent);
        register("2020a", 15086);
        Sipp caller = Sipp.scenario("caller-never-acks").localPort(15087).target(GATEWAY).key("dial", "8001")
                .key("tenant", TENANT).timeout(Duration.ofSeconds(70)).start();
        started.add(caller);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 20, "2020a");
        awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call()));

        CallEnded ended = (CallEnded) probe.await(envelope -> envelope.data() instanceof CallEnded end
                && end.call().equals(arrived.call()), Duration.ofSeconds(50)).data();
        assertThat(ended.cause()).isEqualTo(EndCause.FAILED);
        caller.awaitSuccess(WAIT);
        agent.awaitSuccess(WAIT);
    }

    @Test
    void callerHangingUpWhileRingingAbandonsAndCancelsThePhone() {
        Sipp agent = phone("2002a", 15072, "agent-rings");
        Sipp caller = caller("caller-abandons", "8001", 15080, Duration.ofMillis(2500));

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 30, "2002a");
        awaitEvent(CallRinging.class, e -> e.call().equals(arrived.call()));

        assertThat(awaitEvent(CallAbandoned.class, e -> e.call().equals(arrived.call())).queue()).isEqualTo(SALES);
        caller.awaitSuccess(WAIT);
        agent.awaitSuccess(WAIT);
    }

    /** No cancel from the router at all (router gone): the gateway ends the leg after the offer's timeout + grace. */
    @Test
    void phoneThatDoesNotAnswerIsReportedAndTheNextOneIsRung() {
        Sipp slow = phone("2003a", 15073, "agent-rings");
        Sipp quick = phone("2004a", 15074, "agent-answers");
        Sipp caller = caller("caller-hangs-up", "8001", 15081, null);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 1, "2003a");
        OfferNotAnswered missed = awaitEvent(OfferNotAnswered.class, e -> e.call().equals(arrived.call()));
        assertThat(missed.device()).isEqualTo(device("2003a"));
        assertThat(missed.reason()).isEqualTo(NoAnswerReason.TIMEOUT);

        offer(arrived, 20, "2004a");
        assertThat(awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call())).device())
                .isEqualTo(device("2004a"));
        caller.awaitSuccess(WAIT);
        slow.awaitSuccess(WAIT);
        quick.awaitSuccess(WAIT);
    }

    @Test
    void ringAllConnectsTheFirstToAnswerAndCancelsTheOthers() {
        Sipp winner = phone("2005a", 15075, "agent-answers");
        Sipp loserOne = phone("2006a", 15076, "agent-rings");
        Sipp loserTwo = phone("2007a", 15077, "agent-rings");
        Sipp caller = caller("caller-hangs-up", "8001", 15082, null);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 20, "2005a", "2006a", "2007a");

        assertThat(awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call())).device())
                .isEqualTo(device("2005a"));
        loserOne.awaitSuccess(WAIT);
        loserTwo.awaitSuccess(WAIT);
        caller.awaitSuccess(WAIT);
        winner.awaitSuccess(WAIT);
        assertThat(probe.drain(Duration.ofMillis(300)).stream().map(Envelope::data)
                .filter(event -> event instanceof OfferNotAnswered missed && missed.call().equals(arrived.call())))
                .as("cancelled losers are not missed offers").isEmpty();
    }

    @Test
    void directCallRingsTheAgentsPhoneWithoutAnyQueue() {
        provisionDevice(TENANT, "2008a", "2008", PASSWORD);
        Sipp agent = phone("2008a", 15078, "agent-answers");
        Sipp caller = caller("caller-hangs-up", "2008", 15083, null);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> AgentId.of("2008", T).equals(e.agent()));
        assertThat(arrived.queue()).isNull();
        CallAnswered answered = awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call()));
        assertThat(answered.device()).isEqualTo(device("2008a"));
        assertThat(answered.queue()).isNull();
        awaitEvent(CallEnded.class, e -> e.call().equals(arrived.call()));
        caller.awaitSuccess(WAIT);
        agent.awaitSuccess(WAIT);
    }

    @Test
    void outsideNumberDialedFromAPhoneGoesToTheTrunk() {
        provisionDevice(TENANT, "2009a", "2009", PASSWORD);
        Sipp trunk = Sipp.scenario("agent-answers").localPort(TRUNK_PORT).start();
        started.add(trunk);
        Sipp phone = Sipp.scenario("phone-calls-out").localPort(15084).target(GATEWAY)
                .key("device", "2009a").key("tenant", TENANT).key("dial", "+15550001111")
                .credentials("2009a", PASSWORD).start();
        started.add(phone);

        OutboundPlaced placed = awaitEvent(OutboundPlaced.class, e -> e.device().equals(device("2009a")));
        assertThat(placed.to()).isEqualTo("+15550001111");
        assertThat(placed.agent()).isEqualTo(AgentId.of("2009", T));
        awaitEvent(CallAnswered.class, e -> e.call().equals(placed.call()));
        assertThat(awaitEvent(CallEnded.class, e -> e.call().equals(placed.call())).cause())
                .isEqualTo(EndCause.AGENT_HANGUP);
        phone.awaitSuccess(WAIT);
        trunk.awaitSuccess(WAIT);
    }

    @Test
    void phoneOfTheTenantCallingTheQueueIsAnInternalCaller() {
        provisionDevice(TENANT, "2014a", "2014", PASSWORD);
        Sipp agent = phone("2015a", 15098, "agent-answers");
        Sipp colleague = Sipp.scenario("phone-calls-out").localPort(15096).target(GATEWAY)
                .key("device", "2014a").key("tenant", TENANT).key("dial", "8001")
                .credentials("2014a", PASSWORD).start();
        started.add(colleague);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        assertThat(arrived.origin()).isEqualTo(CallOrigin.INTERNAL);
        assertThat(arrived.from()).isEqualTo("2014");
        offer(arrived, 20, "2015a");

        assertThat(awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call())).device())
                .isEqualTo(device("2015a"));
        assertThat(awaitEvent(CallEnded.class, e -> e.call().equals(arrived.call())).cause())
                .isEqualTo(EndCause.CALLER_HANGUP);
        colleague.awaitSuccess(WAIT);
        agent.awaitSuccess(WAIT);
    }

    @Test
    void busyPhoneIsReportedAsBusy() {
        Sipp agent = phone("2012a", 15097, "agent-busy");
        Sipp caller = caller("caller-abandons", "8001", 15088, Duration.ofMillis(3000));

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 20, "2012a");

        OfferNotAnswered busy = awaitEvent(OfferNotAnswered.class, e -> e.call().equals(arrived.call()));
        assertThat(busy.reason()).isEqualTo(NoAnswerReason.BUSY);
        agent.awaitSuccess(WAIT);
        awaitEvent(CallAbandoned.class, e -> e.call().equals(arrived.call()));
        caller.awaitSuccess(WAIT);
    }

    /**
     * The race of issue 17: the router and the gateway both timed the ring; when the router's cancel came first the
     * gateway reported nothing and the ring-out was never counted. Now the router alone decides and its cancel for
     * the ring timeout is reported as exactly one {@code OfferNotAnswered(TIMEOUT)}, with no report of the gateway's
     * own for the same leg (its timer would fire 2 s + grace after the offer).
     */
    @Test
    void routersRingTimeoutCancelIsReportedAsExactlyOneMissedOffer() {
        Sipp agent = phone("2016a", 15110, "agent-rings");
        Sipp caller = caller("caller-abandons", "8001", 15111, Duration.ofMillis(6000));

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 2, "2016a");
        awaitEvent(CallRinging.class, e -> e.call().equals(arrived.call()));
        sender.send(new CancelOffer(T, arrived.call(), List.of(device("2016a")), CancelOffer.AGENT_RING_TIMEOUT));

        agent.awaitSuccess(WAIT);
        awaitEvent(CallAbandoned.class, e -> e.call().equals(arrived.call()));
        caller.awaitSuccess(WAIT);
        List<Object> missed = new java.util.ArrayList<>(probe.drain(Duration.ofMillis(300)).stream().map(Envelope::data)
                .filter(event -> event instanceof OfferNotAnswered m && m.call().equals(arrived.call())).toList());
        assertThat(missed).singleElement().isInstanceOfSatisfying(OfferNotAnswered.class,
                m -> assertThat(m.reason()).isEqualTo(NoAnswerReason.TIMEOUT));
    }

    /**
     * The race itself, on the wire: the phone's user picks up 300 ms after it starts ringing while the router's
     * ring-timeout cancel is sent between 90 ms before and 30 ms after that moment, so the cancel and the 200 cross
     * in either order. Each offer must end in exactly one outcome: answered by that phone, or one missed offer
     * ({@code OfferNotAnswered(TIMEOUT)}), never both and never neither.
     */
    @Test
    void answerAndRingTimeoutCancelCrossingEndInExactlyOneOutcome() throws Exception {
        Random random = new Random(17);
        ScheduledExecutorService router = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<CallArrived> current = new AtomicReference<>();
        AtomicInteger delta = new AtomicInteger();
        Map<String, Integer> outcomes = new TreeMap<>();
        try (RacingPhone phone = new RacingPhone(15118, Duration.ofMillis(300), legCallId -> router.schedule(
                () -> sender.send(new CancelOffer(T, current.get().call(), List.of(device("2018a")),
                        CancelOffer.AGENT_RING_TIMEOUT)), 300 + delta.get(), TimeUnit.MILLISECONDS))) {
            Sipp.scenario("register").localPort(REGISTRAR_CLIENT_PORT).target(GATEWAY)
                    .key("device", "2018a").key("tenant", TENANT).key("contact_port", 15118).key("expires", 300)
                    .credentials("2018a", PASSWORD).start().awaitSuccess(WAIT);
            for (int round = 0; round < 10; round++) {
                delta.set(random.nextInt(120) - 90);
                Sipp caller = caller("caller-answered-or-gives-up", "8001", 15119, null);
                CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue())
                        && (current.get() == null || !e.call().equals(current.get().call())));
                current.set(arrived);
                offer(arrived, 20, "2018a");
                caller.awaitSuccess(WAIT);
                awaitEvent(CallEvent.class, e -> e.call().equals(arrived.call())
                        && (e instanceof CallEnded || e instanceof CallAbandoned));
                List<Event> results = probe.drain(Duration.ofMillis(300)).stream().map(Envelope::data)
                        .filter(e -> e instanceof CallAnswered answered && answered.call().equals(arrived.call())
                                || e instanceof OfferNotAnswered missed && missed.call().equals(arrived.call()))
                        .toList();
                assertThat(results).as("outcomes of round %d (cancel %+d ms from the answer)", round, delta.get())
                        .singleElement().satisfiesAnyOf(
                                r -> assertThat(r).isInstanceOfSatisfying(CallAnswered.class,
                                        a -> assertThat(a.device()).isEqualTo(device("2018a"))),
                                r -> assertThat(r).isInstanceOfSatisfying(OfferNotAnswered.class,
                                        m -> assertThat(m.reason()).isEqualTo(NoAnswerReason.TIMEOUT)));
                outcomes.merge(results.get(0).getClass().getSimpleName(), 1, Integer::sum);
            }
        } finally {
            router.shutdownNow();
        }
        System.out.println("ring-timeout race outcomes: " + outcomes);
    }

    @Test
    void routingCommandsOfAnotherTenantNamingACallAreIgnored() {
        Tenant intruder = Tenant.of("intruder.example.com");
        QueueId intruderQueue = QueueId.of("8001", intruder);
        provisionDevice(intruder.domain(), "2017a", "2017", PASSWORD);
        Sipp intruderPhone = Sipp.scenario("agent-answers").localPort(15112).start();
        started.add(intruderPhone);
        Sipp.scenario("register").localPort(REGISTRAR_CLIENT_PORT).target(GATEWAY)
                .key("device", "2017a").key("tenant", intruder.domain()).key("contact_port", 15112)
                .key("expires", 300).credentials("2017a", PASSWORD).start().awaitSuccess(WAIT);
        Sipp caller = caller("caller-abandons", "8001", 15113, Duration.ofMillis(3000));
        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));

        OfferTarget intruderTarget = new OfferTarget(DeviceId.of("2017a", intruder), AgentId.of("2017", intruder));
        sender.send(new OfferCall(intruder, arrived.call(), intruderQueue, List.of(intruderTarget), 20, "x", null));
        sender.send(new ApplyUnansweredAction(intruder, arrived.call(), intruderQueue, UnansweredAction.FORWARD,
                "+15550000000"));
        // Same tenant key, same partition: once this marker's outcome is out, the commands above were handled.
        io.ccagent.contracts.ids.CallId marker = io.ccagent.contracts.ids.CallId.of("marker-" + arrived.call().value());
        sender.send(new OfferCall(intruder, marker, intruderQueue, List.of(intruderTarget), 20, "x", null));
        awaitEvent(CallEnded.class, e -> e.call().equals(marker));

        assertThat(awaitEvent(CallAbandoned.class, e -> e.call().equals(arrived.call())).tenant())
                .as("the caller was still waiting, neither rung elsewhere nor redirected").isEqualTo(T);
        caller.awaitSuccess(WAIT);
        assertThat(probe.drain(Duration.ofMillis(300)).stream().map(Envelope::data)
                .filter(event -> event instanceof io.ccagent.contracts.call.CallEvent fact
                        && fact.call().equals(arrived.call()) && !fact.tenant().equals(T))).isEmpty();
    }

    @Test
    void offerForACallThisGatewayDoesNotHoldEndsIt() {
        io.ccagent.contracts.ids.CallId ghost = io.ccagent.contracts.ids.CallId.of("ghost-" + System.nanoTime());
        sender.send(new OfferCall(T, ghost, SALES, List.of(new OfferTarget(device("2016a"), AgentId.of("2016", T))),
                20, "+15550001111", null));

        assertThat(awaitEvent(OfferNotAnswered.class, e -> e.call().equals(ghost)).reason())
                .isEqualTo(NoAnswerReason.UNREACHABLE);
        assertThat(awaitEvent(CallEnded.class, e -> e.call().equals(ghost)).cause()).isEqualTo(EndCause.FAILED);
    }

    @Test
    void cancelledOfferStopsThePhoneWithoutReportingAMissedOffer() {
        Sipp agent = phone("2013a", 15089, "agent-rings");
        Sipp caller = caller("caller-abandons", "8001", 15093, Duration.ofMillis(4000));

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        offer(arrived, 20, "2013a");
        awaitEvent(CallRinging.class, e -> e.call().equals(arrived.call()));
        sender.send(new CancelOffer(T, arrived.call(), List.of(device("2013a")), "test"));

        agent.awaitSuccess(WAIT);
        awaitEvent(CallAbandoned.class, e -> e.call().equals(arrived.call()));
        caller.awaitSuccess(WAIT);
        assertThat(probe.drain(Duration.ofMillis(300)).stream().map(Envelope::data)
                .filter(event -> event instanceof OfferNotAnswered missed && missed.call().equals(arrived.call())))
                .isEmpty();
    }

    @Test
    void unansweredActionRedirectsTheCallerAndEndsTheCall() {
        Sipp caller = caller("caller-redirected", "8001", 15094, null);

        CallArrived arrived = awaitEvent(CallArrived.class, e -> SALES.equals(e.queue()));
        sender.send(new ApplyUnansweredAction(T, arrived.call(), SALES, UnansweredAction.FORWARD, "+15559990000"));

        assertThat(awaitEvent(CallEnded.class, e -> e.call().equals(arrived.call())).cause())
                .isEqualTo(EndCause.FORWARDED);
        caller.awaitSuccess(WAIT);
    }

    @Test
    void clickToCallRingsThePhoneThenDialsTheNumberAndConnectsThem() {
        provisionDevice(TENANT, "2010a", "2010", PASSWORD);
        Sipp phone = phone("2010a", 15085, "phone-click-to-call");
        Sipp trunk = Sipp.scenario("agent-answers").localPort(TRUNK_PORT).start();
        started.add(trunk);

        Map<?, ?> accepted = http().post().uri("/tenants/{tenant}/calls/originate", TENANT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", "2010@" + TENANT, "device", "2010a", "to", "+15557654321", "toName", "Customer"))
                .retrieve().body(Map.class);
        String call = (String) accepted.get("call");

        OutboundPlaced placed = awaitEvent(OutboundPlaced.class, e -> e.call().value().equals(call));
        assertThat(placed.to()).isEqualTo("+15557654321");
        assertThat(placed.device()).isEqualTo(device("2010a"));
        awaitEvent(CallAnswered.class, e -> e.call().value().equals(call));
        assertThat(awaitEvent(CallEnded.class, e -> e.call().value().equals(call)).cause())
                .isEqualTo(EndCause.AGENT_HANGUP);
        phone.awaitSuccess(WAIT);
        trunk.awaitSuccess(WAIT);
    }

    @Test
    void clickToCallToAnExtensionRingsThatAgentsPhoneThroughTheGatewayNotTheTrunk() {
        provisionDevice(TENANT, "2017a", "2017", PASSWORD);
        provisionDevice(TENANT, "2018a", "2018", PASSWORD);
        Sipp phone = phone("2017a", 15114, "phone-click-to-call");
        Sipp callee = phone("2018a", 15115, "agent-answers");

        Map<?, ?> accepted = http().post().uri("/tenants/{tenant}/calls/originate", TENANT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", "2017@" + TENANT, "device", "2017a", "to", "2018", "toName", "Colleague"))
                .retrieve().body(Map.class);
        String call = (String) accepted.get("call");

        assertThat(awaitEvent(OutboundPlaced.class, e -> e.call().value().equals(call)).to()).isEqualTo("2018");
        CallArrived arrived = awaitEvent(CallArrived.class, e -> AgentId.of("2018", T).equals(e.agent()));
        assertThat(arrived.origin()).as("dialed as the phone itself would").isEqualTo(CallOrigin.INTERNAL);
        assertThat(arrived.from()).isEqualTo("2017");
        assertThat(awaitEvent(CallAnswered.class, e -> e.call().equals(arrived.call())).device())
                .isEqualTo(device("2018a"));
        awaitEvent(CallAnswered.class, e -> e.call().value().equals(call));
        assertThat(awaitEvent(CallEnded.class, e -> e.call().value().equals(call)).cause())
                .isEqualTo(EndCause.AGENT_HANGUP);
        assertThat(awaitEvent(CallEnded.class, e -> e.call().equals(arrived.call())).cause())
                .as("the caller's hang-up reaches the callee").isEqualTo(EndCause.CALLER_HANGUP);
        phone.awaitSuccess(WAIT);
        callee.awaitSuccess(WAIT);
    }

    @Test
    void clickToCallToOnesOwnExtensionIsAConflict() {
        provisionDevice(TENANT, "2019a", "2019", PASSWORD);
        phone("2019a", 15116, "agent-rings");

        int status = http().post().uri("/tenants/{tenant}/calls/originate", TENANT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", "2019@" + TENANT, "device", "2019a", "to", "2019"))
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(409);
    }

    @Test
    void clickToCallFromAnUnregisteredPhoneIsAConflict() {
        provisionDevice(TENANT, "2011a", "2011", PASSWORD);

        int status = http().post().uri("/tenants/{tenant}/calls/originate", TENANT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("agent", "2011@" + TENANT, "device", "2011a", "to", "+15557654321"))
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(409);
    }

    private Sipp phone(String device, int port, String scenario) {
        Sipp uas = Sipp.scenario(scenario).localPort(port).start();
        started.add(uas);
        register(device, port);
        return uas;
    }

    private void register(String device, int contactPort) {
        Sipp.scenario("register").localPort(REGISTRAR_CLIENT_PORT).target(GATEWAY)
                .key("device", device).key("tenant", TENANT).key("contact_port", contactPort).key("expires", 300)
                .credentials(device, PASSWORD).start().awaitSuccess(WAIT);
        awaitEvent(DeviceRegistered.class, e -> e.device().equals(device(device)));
    }

    private Sipp caller(String scenario, String dial, int port, Duration pause) {
        Sipp sipp = Sipp.scenario(scenario).localPort(port).target(GATEWAY).key("dial", dial).key("tenant", TENANT);
        if (pause != null) {
            sipp.pause(pause);
        }
        started.add(sipp.start());
        return sipp;
    }

    private void offer(CallArrived arrived, int ringTimeoutSeconds, String... devices) {
        List<OfferTarget> targets = java.util.Arrays.stream(devices)
                .map(name -> new OfferTarget(device(name), AgentId.of(name.substring(0, 4), T))).toList();
        sender.send(new OfferCall(T, arrived.call(), SALES, targets, ringTimeoutSeconds, arrived.from(),
                arrived.fromName()));
    }

    private <E> E awaitEvent(Class<E> type, Predicate<E> condition) {
        return type.cast(probe.await(envelope -> type.isInstance(envelope.data())
                && condition.test(type.cast(envelope.data())), WAIT).data());
    }

    private static DeviceId device(String name) {
        return DeviceId.of(name, T);
    }
}
