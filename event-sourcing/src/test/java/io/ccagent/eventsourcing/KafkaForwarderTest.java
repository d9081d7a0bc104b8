package io.ccagent.eventsourcing;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaForwarderTest {

    @Test
    void anAxonMessageIdBecomesTheEnvelopeIdUnchanged() {
        UUID id = UUID.randomUUID();

        assertThat(KafkaForwarder.envelopeId(id.toString())).isEqualTo(id);
    }

    @Test
    void aNonUuidMessageIdStillMapsToTheSameEnvelopeIdEveryTime() {
        assertThat(KafkaForwarder.envelopeId("legacy-42")).isEqualTo(KafkaForwarder.envelopeId("legacy-42"))
                .isNotEqualTo(KafkaForwarder.envelopeId("legacy-43"));
    }
}
