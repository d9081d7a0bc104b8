package io.ccagent.contracts.wire;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();

    static List<Event> samples() {
        return io.ccagent.contracts.SampleEvents.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyEventTypeSurvivesARoundTrip(Event event) {
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"), UUID.randomUUID(), event);

        Envelope decoded = codec.decode(codec.encode(envelope));

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.key()).isEqualTo("xyzcorporation.com");
        assertThat(Topics.of(decoded.data())).isNotBlank();
    }

    @Test
    void everyRegisteredTypeHasASample() {
        assertThat(samples().stream().map(e -> EventTypes.of(e.getClass()).name()))
                .containsExactlyInAnyOrderElementsOf(EventTypes.all().stream().map(EventTypes.Registration::name).toList());
    }

    @Test
    void wireNamesAreStableNamesNotJavaClassNames() {
        assertThat(EventTypes.all()).allSatisfy(r -> {
            assertThat(r.name()).matches("(agent|queue|call|routing)\\.[A-Z][A-Za-z]+");
            assertThat(r.name()).doesNotContain("io.ccagent");
        });
    }

    @Test
    void idsAreWrittenAsPlainStrings() {
        AgentId agent = AgentId.parse("1002@XYZcorporation.com");
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.now(), null,
                new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.LUNCH, ChangeSource.PORTAL, "1002@xyzcorporation.com"));

        String json = new String(codec.encode(envelope), StandardCharsets.UTF_8);

        assertThat(json).contains("\"agent\":\"1002@xyzcorporation.com\"").contains("\"type\":\"agent.StatusChanged\"")
                .contains("\"tenant\":\"xyzcorporation.com\"").doesNotContain("causationId");
    }

    @Test
    void garbageIsRejectedWithAReadableReason() {
        assertThatThrownBy(() -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> codec.decode(new byte[0]))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessage("empty record");
        assertThatThrownBy(() -> codec.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("JSON object");
    }

    @Test
    void aRecordKeyedByAnotherTenantIsRejected() {
        Envelope envelope = Envelope.of(UUID.randomUUID(), Instant.now(), null, io.ccagent.contracts.SampleEvents.all().get(0));
        byte[] value = codec.encode(envelope);

        assertThat(codec.decodeRecord("xyzcorporation.com".getBytes(StandardCharsets.UTF_8), value)).isEqualTo(envelope);
        assertThat(codec.decodeRecord(null, value)).isEqualTo(envelope);
        assertThatThrownBy(() -> codec.decodeRecord("other.example", value))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("record key 'other.example' is not the envelope's tenant 'xyzcorporation.com'");
    }

    @Test
    void unknownTypesAndFutureVersionsAreRejected() {
        String unknown = """
                {"id":"%s","type":"agent.Teleported","version":1,"tenant":"a.com","subject":"1@a.com",
                 "time":"2026-11-26T10:00:00Z","data":{}}""".formatted(UUID.randomUUID());
        String future = unknown.replace("agent.Teleported", "agent.StatusChanged").replace("\"version\":1", "\"version\":9");

        assertThatThrownBy(() -> codec.decode(unknown.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessage("unknown event type 'agent.Teleported'");
        assertThatThrownBy(() -> codec.decode(future.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("unsupported version 9");
    }

    @Test
    void invalidPayloadsAreRejected() {
        String missingStatus = """
                {"id":"%s","type":"agent.StatusChanged","version":1,"tenant":"a.com","subject":"1@a.com",
                 "time":"2026-11-26T10:00:00Z","data":{"agent":"1@a.com","from":"OFFLINE","source":"PORTAL","actor":"x"}}"""
                .formatted(UUID.randomUUID());
        String badStatus = missingStatus.replace("\"from\":\"OFFLINE\"", "\"from\":\"OFFLINE\",\"to\":\"DANCING\"");
        String otherTenant = missingStatus.replace("\"from\":\"OFFLINE\"", "\"from\":\"OFFLINE\",\"to\":\"ONLINE\"")
                .replace("\"tenant\":\"a.com\"", "\"tenant\":\"b.com\"");

        assertThatThrownBy(() -> codec.decode(missingStatus.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("to is required");
        assertThatThrownBy(() -> codec.decode(badStatus.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("DANCING");
        assertThatThrownBy(() -> codec.decode(otherTenant.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("differs");
    }
}
