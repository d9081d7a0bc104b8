package io.ccagent.eventsourcing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class KnownSnapshotsTest {

    private final KnownSnapshots filter = new KnownSnapshots(JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build());

    @Test
    void aSnapshotOfAnExistingClassIsUsed() {
        assertThat(filter.allow(snapshotOf(Snapshot.class.getName()))).isTrue();
    }

    @Test
    void aSnapshotWhoseClassMovedSinceIsSkippedSoTheAggregateIsRebuiltFromItsEvents() {
        assertThat(filter.allow(snapshotOf("io.ccagent.eventsourcing.before.Snapshot"))).isFalse();
    }

    private static GenericDomainEventEntry<byte[]> snapshotOf(String payloadType) {
        return new GenericDomainEventEntry<>("Snapshot", "agent-1", 49, "snapshot-1", Instant.EPOCH, payloadType,
                null, "{\"state\":\"x\"}".getBytes(), "{}".getBytes());
    }

    record Snapshot(String state) {
    }
}
