package io.ccagent.gateway.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.gateway.events.CallEventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The credential cache in front of MongoDB: what an INVITE from a trunk's caller costs, and provisioning after a miss. */
class DeviceDirectoryTest {

    private static final DeviceId OUTSIDE_NUMBER = DeviceId.parse("+15550100@xyzcorporation.com");
    private static final DeviceId PHONE = DeviceId.parse("1002a@xyzcorporation.com");

    @SuppressWarnings("unchecked")
    private final MongoCollection<Document> credentials = mock(MongoCollection.class);
    private DeviceDirectory directory;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void emptyStore() {
        MongoDatabase database = mock(MongoDatabase.class);
        MongoCollection<Document> registrations = mock(MongoCollection.class);
        FindIterable<Document> nothing = mock(FindIterable.class);
        MongoCursor<Document> noRows = mock(MongoCursor.class);
        when(nothing.iterator()).thenReturn(noRows);
        when(nothing.first()).thenReturn(null);
        when(registrations.find()).thenReturn(nothing);
        when(credentials.find(any(Bson.class))).thenReturn(nothing);
        when(database.getCollection("device_credentials")).thenReturn(credentials);
        when(database.getCollection("registrations")).thenReturn(registrations);
        directory = new DeviceDirectory(database, mock(CallEventPublisher.class), Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @Test
    void aNumberThatIsNoPhoneIsLookedUpOnceNotOnEveryInvite() {
        for (int invite = 0; invite < 50; invite++) {
            assertThat(directory.credential(OUTSIDE_NUMBER)).isEmpty();
        }

        verify(credentials, times(1)).find(any(Bson.class));
    }

    @Test
    void callersOfATrunkAreLookedUpOncePerHostNotOncePerNumber() {
        for (int caller = 0; caller < 50; caller++) {
            assertThat(directory.credential(DeviceId.parse("+1555" + caller + "@203.0.113.7"))).isEmpty();
        }

        verify(credentials, times(1)).find(any(Bson.class));
    }

    @Test
    void aPhoneProvisionedAfterAMissIsRecognisedAtOnce() {
        assertThat(directory.credential(PHONE)).isEmpty();

        directory.putCredential(PHONE, AgentId.parse("1002@xyzcorporation.com"), "s3cret-1002");

        assertThat(directory.credential(PHONE)).get()
                .extracting(DeviceCredential::agent).isEqualTo(AgentId.parse("1002@xyzcorporation.com"));
        assertThat(directory.hasDevices(AgentId.parse("1002@xyzcorporation.com"))).isTrue();
    }
}
