package io.ccagent.eventsourcing;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class StoredEventsTest {

    @Test
    void anAxonMessageIdBecomesTheEnvelopeIdUnchanged() {
        UUID id = UUID.randomUUID();

        assertThat(StoredEvents.envelopeId(id.toString())).isEqualTo(id);
    }

    @Test
    void aNonUuidMessageIdStillMapsToTheSameEnvelopeIdEveryTime() {
        assertThat(StoredEvents.envelopeId("legacy-42")).isEqualTo(StoredEvents.envelopeId("legacy-42"))
                .isNotEqualTo(StoredEvents.envelopeId("legacy-43"));
    }
}
