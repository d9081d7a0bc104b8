package io.ccagent.stats;

import com.mongodb.client.model.Filters;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.CallOrigin;
import io.ccagent.contracts.call.CallRinging;
import io.ccagent.contracts.call.EndCause;
import io.ccagent.contracts.call.NoAnswerReason;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.stats.agent.AgentViews.Graphs;
import io.ccagent.stats.agent.AgentViews.HourCount;
import io.ccagent.stats.agent.AgentViews.OriginCount;
import io.ccagent.stats.agent.AgentViews.RecentCall;
import io.ccagent.stats.agent.AgentViews.Statistics;
import io.ccagent.stats.queue.QueueStatistics;
import io.ccagent.stats.store.Keys;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ccagent.stats.ProjectionFixture.envelope;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectionsTest {

    static final Tenant TENANT = Tenant.of("unit.example.com");
    static final AgentId AGENT = AgentId.of("1002", TENANT);
    static final AgentId OTHER = AgentId.of("1003", TENANT);
    static final DeviceId PHONE = DeviceId.of("1002a", TENANT);
    static final DeviceId OTHER_PHONE = DeviceId.of("1003a", TENANT);
    static final QueueId SALES = QueueId.of("8001", TENANT);
    static final Instant NOW = Instant.parse("2026-11-26T20:00:00Z");

    /** One working day of agent 1002 (New York: 09:00-15:00 local), see the figures asserted below. */
    static List<Envelope> workingDay() {
        List<Envelope> events = new ArrayList<>();
        events.add(envelope(new AgentProvisioned(AGENT, "Ann", "ann@unit.example.com", List.of(PHONE),
                "America/New_York"), t("2026-11-16T12:00:00Z")));
        events.add(envelope(new QueueConfigured(SALES, "Sales", QueueType.ROUND_ROBIN, 30, 20, 300,
                UnansweredAction.STAY_IN_QUEUE, null, "America/New_York", "seed"), t("2026-11-16T12:00:00Z")));
        events.add(envelope(new QueueMemberAdded(SALES, PHONE, AGENT, 1, 1, 1, "seed"), t("2026-11-16T12:00:01Z")));
        events.add(envelope(new QueueMemberAdded(SALES, OTHER_PHONE, OTHER, 1, 2, 1, "seed"), t("2026-11-16T12:00:01Z")));
        events.add(status(AgentStatus.OFFLINE, AgentStatus.ONLINE, "2026-11-26T14:00:00Z"));
        events.add(envelope(new QueueLoginChanged(AGENT, SALES, true, ChangeSource.PORTAL, AGENT.toString()),
                t("2026-11-26T14:00:00Z")));
        // c0: offered to 1002 (missed), answered by 1003 after 30 s, 90 s talk
        events.add(arrivedInQueue("c0", "2026-11-26T14:05:00Z"));
        events.add(envelope(new CallRinging(TENANT, call("c0"), PHONE, AGENT, SALES), t("2026-11-26T14:05:01Z")));
        events.add(envelope(new OfferNotAnswered(TENANT, call("c0"), PHONE, AGENT, SALES, NoAnswerReason.TIMEOUT),
                t("2026-11-26T14:05:20Z")));
        events.add(envelope(new CallAnswered(TENANT, call("c0"), OTHER_PHONE, OTHER, SALES), t("2026-11-26T14:05:30Z")));
        events.add(ended("c0", "2026-11-26T14:07:00Z"));
        // c1: answered by 1002 after 15 s, 240 s talk, 30 s wrap-up
        events.add(arrivedInQueue("c1", "2026-11-26T14:10:00Z"));
        events.add(envelope(new CallAnswered(TENANT, call("c1"), PHONE, AGENT, SALES), t("2026-11-26T14:10:15Z")));
        events.add(ended("c1", "2026-11-26T14:14:15Z"));
        events.add(envelope(new WrapUpStarted(AGENT, call("c1"), SALES, t("2026-11-26T14:14:45Z")),
                t("2026-11-26T14:14:15Z")));
        events.add(envelope(new WrapUpEnded(AGENT, call("c1")), t("2026-11-26T14:14:45Z")));
        // c2: internal direct call, 60 s talk; c3: external direct call nobody answered
        events.add(envelope(new CallArrived(TENANT, call("c2"), "1005", "Bob", "1002", null, AGENT, CallOrigin.INTERNAL),
                t("2026-11-26T15:00:00Z")));
        events.add(envelope(new CallAnswered(TENANT, call("c2"), PHONE, AGENT, null), t("2026-11-26T15:00:05Z")));
        events.add(ended("c2", "2026-11-26T15:01:05Z"));
        events.add(envelope(new CallArrived(TENANT, call("c3"), "+15550001111", null, "1002", null, AGENT,
                CallOrigin.EXTERNAL), t("2026-11-26T15:30:00Z")));
        events.add(ended("c3", "2026-11-26T15:30:30Z"));
        // c4: outbound, 120 s talk
        events.add(envelope(new OutboundPlaced(TENANT, call("c4"), PHONE, AGENT, "+15559990000", "Carol"),
                t("2026-11-26T16:00:00Z")));
        events.add(envelope(new CallAnswered(TENANT, call("c4"), PHONE, AGENT, null), t("2026-11-26T16:00:10Z")));
        events.add(ended("c4", "2026-11-26T16:02:10Z"));
        events.add(status(AgentStatus.ONLINE, AgentStatus.LUNCH, "2026-11-26T17:00:00Z"));
        events.add(status(AgentStatus.LUNCH, AgentStatus.ONLINE, "2026-11-26T17:30:00Z"));
        // c5 abandoned after 40 s; c6 still waiting (60 s at NOW)
        events.add(arrivedInQueue("c5", "2026-11-26T18:00:00Z"));
        events.add(envelope(new CallAbandoned(TENANT, call("c5"), SALES), t("2026-11-26T18:00:40Z")));
        events.add(arrivedInQueue("c6", "2026-11-26T19:59:00Z"));
        events.add(envelope(new AgentAvailabilityChanged(AGENT, List.of(
                new AgentAvailabilityChanged.QueueAvailability(SALES, false, UnavailableReason.ON_CALL, null))),
                t("2026-11-26T16:00:10Z")));
        events.add(envelope(new AgentAvailabilityChanged(AGENT, List.of(
                new AgentAvailabilityChanged.QueueAvailability(SALES, true, UnavailableReason.NONE, null))),
                t("2026-11-26T16:02:10Z")));
        return events;
    }

    @Test
    void myStatisticsOfTheDay() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());

            Statistics today = fixture.agents.statistics(AGENT, null, null);

            assertThat(today.from()).isEqualTo(t("2026-11-26T05:00:00Z"));
            assertThat(today.to()).isEqualTo(t("2026-11-27T05:00:00Z"));
            assertThat(today.queueCallsAnswered()).isEqualTo(1);
            assertThat(today.offersMissed()).isEqualTo(1);
            assertThat(today.directInbound()).isEqualTo(2);
            assertThat(today.outbound()).isEqualTo(1);
            assertThat(today.totalTalkSeconds()).isEqualTo(420);
            assertThat(today.averageTalkSeconds()).isEqualTo(140.0);
            assertThat(today.averageHandleSeconds()).isEqualTo(150.0);
            assertThat(today.secondsInStatus()).containsEntry("OFFLINE", 9 * 3600L)
                    .containsEntry("ONLINE", 5 * 3600L + 1800).containsEntry("LUNCH", 1800L)
                    .containsEntry("BREAK", 0L);
            assertThat(today.loggedInSeconds()).isEqualTo(6 * 3600L);
        }
    }

    @Test
    void aPeriodStartingMidDayKnowsTheStateItStartedIn() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());

            Statistics afternoon = fixture.agents.statistics(AGENT, t("2026-11-26T15:15:00Z"), t("2026-11-26T17:15:00Z"));

            assertThat(afternoon.directInbound()).isEqualTo(1);
            assertThat(afternoon.outbound()).isEqualTo(1);
            assertThat(afternoon.queueCallsAnswered()).isZero();
            assertThat(afternoon.secondsInStatus()).containsEntry("ONLINE", 6300L).containsEntry("LUNCH", 900L);
            assertThat(afternoon.loggedInSeconds()).isEqualTo(7200);
        }
    }

    @Test
    void loggedInCountsOnlyTimeLoggedIntoAQueueWhileNotOffline() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            List<Envelope> day = new ArrayList<>(workingDay());
            // Offline at 19:00 without logging out of Sales: an Offline agent takes no calls
            day.add(status(AgentStatus.ONLINE, AgentStatus.OFFLINE, "2026-11-26T19:00:00Z"));
            fixture.apply(day);

            Statistics today = fixture.agents.statistics(AGENT, null, null);

            assertThat(today.loggedInSeconds()).isEqualTo(5 * 3600L);
            assertThat(today.secondsInStatus()).containsEntry("OFFLINE", 10 * 3600L);
        }
    }

    @Test
    void timeBeforeTheAgentExistedIsInNoStatusNotOffline() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(List.of(
                    envelope(new AgentProvisioned(OTHER, "New", null, List.of(OTHER_PHONE), "America/New_York"),
                            t("2026-11-26T18:00:00Z")),
                    envelope(new AgentStatusChanged(OTHER, AgentStatus.OFFLINE, AgentStatus.ONLINE,
                            ChangeSource.PORTAL, OTHER.toString()), t("2026-11-26T19:00:00Z")),
                    envelope(new QueueLoginChanged(OTHER, SALES, true, ChangeSource.SYSTEM, "agent-service"),
                            t("2026-11-26T19:00:00Z"))));

            Statistics today = fixture.agents.statistics(OTHER, null, null);

            assertThat(today.secondsInStatus()).containsEntry("OFFLINE", 3600L).containsEntry("ONLINE", 3600L);
            assertThat(today.secondsInStatus().values().stream().mapToLong(Long::longValue).sum())
                    .as("only the two hours since the agent was provisioned").isEqualTo(2 * 3600L);
            assertThat(today.loggedInSeconds()).isEqualTo(3600L);
        }
    }

    @Test
    void graphsCountCallsPerLocalHourAndDayAndSplitOrigins() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());

            Graphs graphs = fixture.agents.graphs(AGENT);

            assertThat(graphs.timeZone()).isEqualTo("America/New_York");
            assertThat(graphs.hourly()).hasSize(24);
            assertThat(graphs.hourly().get(23).label()).isEqualTo("15:00");
            assertThat(graphs.hourly()).filteredOn(hour -> hour.calls() > 0)
                    .extracting(HourCount::label, HourCount::calls)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("09:00", 1L),
                            org.assertj.core.groups.Tuple.tuple("10:00", 2L),
                            org.assertj.core.groups.Tuple.tuple("11:00", 1L));
            assertThat(graphs.daily()).hasSize(10);
            assertThat(graphs.daily().get(9).date()).isEqualTo(LocalDate.parse("2026-11-26"));
            assertThat(graphs.daily().get(9).calls()).isEqualTo(4);
            assertThat(graphs.daily().subList(0, 9)).allMatch(day -> day.calls() == 0);
            assertThat(graphs.origins()).containsExactly(
                    new OriginCount("QUEUE", SALES.toString(), "Sales", 1),
                    new OriginCount("DIRECT_EXTERNAL", null, "Direct external", 1),
                    new OriginCount("INTERNAL", null, "Internal extension", 1));
        }
    }

    @Test
    void recentCallsNewestFirstWithTheOtherParty() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());

            List<RecentCall> recent = fixture.agents.recentCalls(AGENT, 50);

            assertThat(recent).extracting(RecentCall::call).containsExactly("c4", "c3", "c2", "c1");
            assertThat(recent.get(0)).isEqualTo(new RecentCall("c4", t("2026-11-26T16:00:00Z"), "OUTBOUND",
                    "+15559990000", "Carol", 120, null, "ANSWERED"));
            assertThat(recent.get(1).outcome()).isEqualTo("MISSED");
            assertThat(recent.get(3)).isEqualTo(new RecentCall("c1", t("2026-11-26T14:10:00Z"), "INBOUND",
                    "+15551230000", "Caller c1", 240, SALES.toString(), "ANSWERED"));
            assertThat(fixture.agents.recentCalls(AGENT, 2)).extracting(RecentCall::call).containsExactly("c4", "c3");
        }
    }

    @Test
    void queueStatisticsForTheWallboard() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());

            List<QueueStatistics> queues = fixture.queues.statistics(TENANT, 20);

            assertThat(queues).hasSize(1);
            QueueStatistics sales = queues.get(0);
            assertThat(sales.name()).isEqualTo("Sales");
            assertThat(sales.offered()).isEqualTo(4);
            assertThat(sales.answered()).isEqualTo(2);
            assertThat(sales.abandoned()).isEqualTo(1);
            assertThat(sales.serviceLevelPercent()).isEqualTo(25.0);
            assertThat(sales.averageSpeedOfAnswerSeconds()).isEqualTo(22.5);
            assertThat(sales.averageTalkSeconds()).isEqualTo(165.0);
            assertThat(sales.longestCurrentWaitSeconds()).isEqualTo(60);
            assertThat(sales.agentsByState()).isEqualTo(Map.of("AVAILABLE", 1L, "UNKNOWN", 1L));
            assertThat(fixture.queues.statistics(TENANT, 30).get(0).serviceLevelPercent()).isEqualTo(50.0);
        }
    }

    @Test
    void theWallboardCountsAWrapUpUntilItRunsOutAndTheAnsweringAgentFromItsCallerLeft() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            List<Envelope> day = new ArrayList<>(workingDay());
            day.add(envelope(new CallerLeft(SALES, call("c7"), CallerLeftReason.ANSWERED, new AgentAvailabilityChanged(
                    OTHER, List.of(new AgentAvailabilityChanged.QueueAvailability(SALES, false,
                            UnavailableReason.ON_CALL, null)))), NOW.minusSeconds(60)));
            day.add(envelope(new AgentAvailabilityChanged(AGENT, List.of(new AgentAvailabilityChanged.QueueAvailability(
                    SALES, false, UnavailableReason.WRAP_UP, NOW.plusSeconds(30)))), NOW.minusSeconds(10)));
            fixture.apply(day);

            assertThat(fixture.queues.statistics(TENANT, 20).get(0).agentsByState())
                    .isEqualTo(Map.of("ON_CALL", 1L, "WRAP_UP", 1L));

            fixture.clock.set(NOW.plusSeconds(30));
            assertThat(fixture.queues.statistics(TENANT, 20).get(0).agentsByState())
                    .as("no fact says the wrap-up is over; its end does").isEqualTo(Map.of("ON_CALL", 1L, "AVAILABLE", 1L));
        }
    }

    @Test
    void aBusyHourIsSpreadOverSeveralRowsAndCountedWhole() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            List<Envelope> day = new ArrayList<>(workingDay());
            for (int i = 0; i < 200; i++) {
                String at = "2026-11-26T18:%02d:%02dZ".formatted(10 + i / 60, i % 60);
                day.add(arrivedInQueue("busy-" + i, at));
                day.add(envelope(new CallAbandoned(TENANT, call("busy-" + i), SALES), t(at).plusSeconds(5)));
            }
            fixture.apply(day);

            QueueStatistics sales = fixture.queues.statistics(TENANT, 20).get(0);

            assertThat(sales.offered()).isEqualTo(204);
            assertThat(sales.abandoned()).isEqualTo(201);
            assertThat(fixture.store.current().queueHours()
                    .countDocuments(Filters.regex("_id", "^8001@unit.example.com\\|2026-11-26T18:00:00Z\\|")))
                    .as("the 201 calls of 18:00 in the rows of that hour").isEqualTo(Keys.QUEUE_HOUR_SHARDS);
        }
    }

    @Test
    void aCallerStillWaitingWithinTheServiceLevelTimeIsNoFailureYet() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            List<Envelope> day = new ArrayList<>(workingDay());
            day.add(arrivedInQueue("c7", "2026-11-26T19:59:50Z"));
            fixture.apply(day);

            QueueStatistics sales = fixture.queues.statistics(TENANT, 20).get(0);

            assertThat(sales.offered()).isEqualTo(5);
            assertThat(sales.serviceLevelPercent()).as("c7 has waited 10 s of 20: it can still make it")
                    .isEqualTo(25.0);
            assertThat(fixture.queues.statistics(TENANT, 5).get(0).serviceLevelPercent())
                    .as("past 5 s it has missed the service level").isEqualTo(0.0);
        }
    }

    @Test
    void aLateCallInAnHourAlreadyShownChangesTheWallboard() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());
            assertThat(fixture.queues.statistics(TENANT, 20).get(0).offered()).isEqualTo(4);

            fixture.apply(List.of(arrivedInQueue("late", "2026-11-26T14:30:00Z"),
                    envelope(new CallAbandoned(TENANT, call("late"), SALES), t("2026-11-26T14:31:00Z"))));

            QueueStatistics sales = fixture.queues.statistics(TENANT, 20).get(0);
            assertThat(sales.offered()).isEqualTo(5);
            assertThat(sales.abandoned()).isEqualTo(2);
            assertThat(sales.serviceLevelPercent()).isEqualTo(20.0);
        }
    }

    @Test
    void sameFiguresWhateverTheOrderBatchingOrRepeats() {
        List<Envelope> events = workingDay();
        List<Envelope> shuffled = new ArrayList<>(events);
        shuffled.addAll(events.subList(0, 12));
        Collections.shuffle(shuffled, new Random(7));
        try (ProjectionFixture inOrder = new ProjectionFixture(NOW);
             ProjectionFixture scrambled = new ProjectionFixture(NOW)) {
            inOrder.apply(events);
            for (int start = 0; start < shuffled.size(); start += 5) {
                scrambled.apply(shuffled.subList(start, Math.min(shuffled.size(), start + 5)));
            }
            scrambled.apply(events);

            assertThat(scrambled.agents.statistics(AGENT, null, null)).isEqualTo(inOrder.agents.statistics(AGENT, null, null));
            assertThat(scrambled.agents.graphs(AGENT)).isEqualTo(inOrder.agents.graphs(AGENT));
            assertThat(scrambled.agents.recentCalls(AGENT, 50)).isEqualTo(inOrder.agents.recentCalls(AGENT, 50));
            assertThat(scrambled.queues.statistics(TENANT, 20)).isEqualTo(inOrder.queues.statistics(TENANT, 20));
        }
    }

    @Test
    void aLateEventLandsInTheHourItHappened() {
        try (ProjectionFixture fixture = new ProjectionFixture(NOW)) {
            fixture.apply(workingDay());
            fixture.apply(List.of(envelope(new OutboundPlaced(TENANT, call("late"), PHONE, AGENT, "1006", null),
                    t("2026-11-26T06:30:00Z"))));

            Graphs graphs = fixture.agents.graphs(AGENT);

            assertThat(graphs.hourly()).filteredOn(hour -> hour.label().equals("01:00"))
                    .extracting(HourCount::calls).containsExactly(1L);
            assertThat(fixture.agents.statistics(AGENT, null, null).outbound()).isEqualTo(2);
        }
    }

    @Test
    void daysFollowTheLocalCalendarAcrossDaylightSavingTime() {
        AgentId berlin = AgentId.of("1004", TENANT);
        try (ProjectionFixture fixture = new ProjectionFixture(t("2026-03-29T12:00:00Z"))) {
            fixture.apply(List.of(
                    envelope(new AgentProvisioned(berlin, "Dora", null, List.of(), "Europe/Berlin"), t("2026-03-01T00:00:00Z")),
                    envelope(new OutboundPlaced(TENANT, call("d1"), PHONE, berlin, "1", null), t("2026-03-28T22:30:00Z")),
                    envelope(new OutboundPlaced(TENANT, call("d2"), PHONE, berlin, "1", null), t("2026-03-28T23:30:00Z")),
                    envelope(new OutboundPlaced(TENANT, call("d3"), PHONE, berlin, "1", null), t("2026-03-29T01:30:00Z"))));

            Graphs graphs = fixture.agents.graphs(berlin);

            assertThat(graphs.daily().get(8).calls()).isEqualTo(1);
            assertThat(graphs.daily().get(9).calls()).isEqualTo(2);
            List<String> labels = graphs.hourly().stream().map(HourCount::label).toList();
            assertThat(labels).doesNotContain("02:00").containsSubsequence("01:00", "03:00");
            assertThat(graphs.hourly()).filteredOn(hour -> hour.label().equals("03:00"))
                    .extracting(HourCount::calls).containsExactly(1L);
            Statistics today = fixture.agents.statistics(berlin, null, null);
            assertThat(today.to().getEpochSecond() - today.from().getEpochSecond()).isEqualTo(23 * 3600);
        }
    }

    static Envelope status(AgentStatus from, AgentStatus to, String at) {
        return envelope(new AgentStatusChanged(AGENT, from, to, ChangeSource.PORTAL, AGENT.toString()), t(at));
    }

    static Envelope arrivedInQueue(String call, String at) {
        return envelope(new CallArrived(TENANT, call(call), "+15551230000", "Caller " + call, "8001", SALES, null,
                CallOrigin.EXTERNAL), t(at));
    }

    static Envelope ended(String call, String at) {
        return envelope(new CallEnded(TENANT, call(call), EndCause.CALLER_HANGUP), t(at));
    }

    static CallId call(String id) {
        return CallId.of(id);
    }

    static Instant t(String instant) {
        return Instant.parse(instant);
    }
}
