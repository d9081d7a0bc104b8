package io.ccagent.queue.queues;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.queue.QueueType;
import io.ccagent.contracts.queue.UnansweredAction;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueAggregateTest {

    private static final QueueId SALES = QueueId.parse("8001@xyzcorporation.com");
    private static final DeviceId PHONE = DeviceId.parse("1002a@xyzcorporation.com");
    private static final AgentId DANA = AgentId.parse("1002@xyzcorporation.com");

    private AggregateTestFixture<QueueAggregate> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(QueueAggregate.class);
    }

    private static QueueConfigured sales(int wrapUpSeconds, String actor) {
        return new QueueConfigured(SALES, "Sales", QueueType.ROUND_ROBIN, wrapUpSeconds, 20, 300,
                UnansweredAction.VOICEMAIL, null, "America/New_York", actor);
    }

    @Test
    void configuringANewQueueCreatesIt() {
        fixture.givenNoPriorActivity()
                .when(new QueueCommands.ConfigureQueue(SALES.toString(), sales(15, "seeder")))
                .expectEvents(sales(15, "seeder"));
    }

    @Test
    void configuringTheSameSettingsAgainRecordsNothing() {
        fixture.given(sales(15, "seeder"))
                .when(new QueueCommands.ConfigureQueue(SALES.toString(), sales(15, "1100@xyzcorporation.com")))
                .expectNoEvents();
    }

    @Test
    void anEditRecordsWhoMadeIt() {
        fixture.given(sales(15, "seeder"))
                .when(new QueueCommands.ConfigureQueue(SALES.toString(), sales(30, "1100@xyzcorporation.com")))
                .expectEvents(sales(30, "1100@xyzcorporation.com"));
    }

    @Test
    void aDeviceIsAddedThenUpdatedAndPuttingItUnchangedRecordsNothing() {
        fixture.given(sales(15, "seeder"))
                .when(new QueueCommands.PutMember(SALES.toString(), PHONE, DANA, 1, 2, 1, "1100"))
                .expectEvents(new QueueMemberAdded(SALES, PHONE, DANA, 1, 2, 1, "1100"));
        fixture.given(sales(15, "seeder"), new QueueMemberAdded(SALES, PHONE, DANA, 1, 2, 1, "1100"))
                .when(new QueueCommands.PutMember(SALES.toString(), PHONE, DANA, 2, 2, 1, "1100"))
                .expectEvents(new QueueMemberUpdated(SALES, PHONE, DANA, 2, 2, 1, "1100"));
        fixture.given(sales(15, "seeder"), new QueueMemberAdded(SALES, PHONE, DANA, 1, 2, 1, "1100"))
                .when(new QueueCommands.PutMember(SALES.toString(), PHONE, DANA, 1, 2, 1, "1001"))
                .expectNoEvents();
    }

    @Test
    void removingAMemberNamesItsAgentAndRemovingAnAbsentOneRecordsNothing() {
        fixture.given(sales(15, "seeder"), new QueueMemberAdded(SALES, PHONE, DANA, 1, 2, 1, "1100"))
                .when(new QueueCommands.RemoveMember(SALES.toString(), PHONE, "1100"))
                .expectEvents(new QueueMemberRemoved(SALES, PHONE, DANA, "1100"));
        fixture.given(sales(15, "seeder"))
                .when(new QueueCommands.RemoveMember(SALES.toString(), PHONE, "1100"))
                .expectNoEvents();
    }
}
