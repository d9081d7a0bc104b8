package io.ccagent.queue.availability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.AgentAvailabilityChanged.QueueAvailability;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.UnavailableReason;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.testkit.MutableClock;
import io.ccagent.testkit.SharedInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A wallboard's page reads the availability of its agents only, in one query, never another tenant's rows. */
class AvailabilityRowsIT {

    private static final Tenant TENANT = Tenant.of("availability-it.example.com");
    private static final Tenant OTHER = Tenant.of("availability-other.example.com");
    private static final AgentId DANA = AgentId.of("1002", TENANT);
    private static final AgentId LEE = AgentId.of("1003", TENANT);
    private static final AgentId KIM = AgentId.of("1004", TENANT);
    private static final AgentId DANA_ELSEWHERE = AgentId.of("1002", OTHER);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void database() {
        client = MongoClients.create(SharedInfrastructure.get().mongoUri());
        database = client.getDatabase("availability-rows-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        database.drop();
        client.close();
    }

    @Test
    void onlyTheAskedAgentsRowsAreReadOrderedByAgentAndQueue() {
        AvailabilityRows rows = new AvailabilityRows(database, Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC));
        rows.apply(List.of(
                fact(0, KIM, green("8001", TENANT)),
                fact(1, DANA, green("8002", TENANT), red("8001", TENANT, UnavailableReason.ON_CALL)),
                fact(2, LEE, red("8001", TENANT, UnavailableReason.STATUS)),
                fact(3, DANA_ELSEWHERE, green("8001", OTHER))));

        assertThat(rows.ofAgents(List.of(KIM, DANA)))
                .extracting(row -> row.agent() + " " + row.queue() + " " + row.available() + " " + row.reason())
                .containsExactly(
                        DANA + " 8001@" + TENANT.domain() + " false ON_CALL",
                        DANA + " 8002@" + TENANT.domain() + " true NONE",
                        KIM + " 8001@" + TENANT.domain() + " true NONE");
        assertThat(rows.ofAgents(List.of(LEE))).singleElement()
                .satisfies(row -> assertThat(row.reasonTexts()).containsExactly("Status is not Online"));
        assertThat(rows.ofAgents(List.of())).isEmpty();
        assertThat(rows.ofAgents(List.of(AgentId.of("1999", TENANT)))).isEmpty();
        assertThat(rows.ofTenant(TENANT)).as("the whole tenant as before").hasSize(4)
                .noneMatch(row -> row.agent().equals(DANA_ELSEWHERE.toString()));
    }

    @Test
    void theAnsweringAgentsChangeInsideACallerLeftIsKeptAndAWrapUpEndsOnTime() {
        MutableClock clock = new MutableClock(T0);
        AvailabilityRows rows = new AvailabilityRows(database, clock);
        QueueId queue = QueueId.of("8001", TENANT);
        rows.apply(List.of(Envelope.of(UUID.randomUUID(), T0, null, new CallerLeft(queue, CallId.of("c-1"),
                CallerLeftReason.ANSWERED, new AgentAvailabilityChanged(DANA, List.of(red("8001", TENANT,
                        UnavailableReason.ON_CALL)))))));
        assertThat(rows.ofAgent(DANA)).singleElement()
                .satisfies(row -> assertThat(row.reason()).isEqualTo(UnavailableReason.ON_CALL));

        Instant until = T0.plusSeconds(90);
        rows.apply(List.of(fact(60, DANA, new QueueAvailability(queue, false, UnavailableReason.WRAP_UP, until))));
        clock.advance(Duration.ofSeconds(90).minusMillis(1));
        assertThat(rows.ofAgent(DANA)).singleElement().satisfies(row -> {
            assertThat(row.reason()).isEqualTo(UnavailableReason.WRAP_UP);
            assertThat(row.until()).isEqualTo(until);
        });

        clock.advance(Duration.ofMillis(1));
        assertThat(rows.ofAgent(DANA)).as("green from the wrap-up's end, with no fact saying so").singleElement()
                .satisfies(row -> {
                    assertThat(row.available()).isTrue();
                    assertThat(row.reasons()).isEmpty();
                    assertThat(row.until()).isNull();
                    assertThat(row.since()).isEqualTo(until);
                });
    }

    private static QueueAvailability green(String queue, Tenant tenant) {
        return new QueueAvailability(QueueId.of(queue, tenant), true, UnavailableReason.NONE, null);
    }

    private static QueueAvailability red(String queue, Tenant tenant, UnavailableReason reason) {
        return new QueueAvailability(QueueId.of(queue, tenant), false, reason, null);
    }

    private static Envelope fact(int second, AgentId agent, QueueAvailability... queues) {
        return Envelope.of(UUID.nameUUIDFromBytes(("f" + second).getBytes()), T0.plusSeconds(second), null,
                new AgentAvailabilityChanged(agent, List.of(queues)));
    }
}
