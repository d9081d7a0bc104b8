package io.ccagent.stats.ingest;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordReaderTest {

    static final Tenant TENANT = Tenant.of("reader.example.com");
    static final byte[] KEY = TENANT.domain().getBytes(StandardCharsets.UTF_8);

    final RecordReader reader = new RecordReader();
    final Envelope outbound = Envelope.of(UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"), null,
            new OutboundPlaced(TENANT, CallId.of("c1"), DeviceId.of("1002a", TENANT), AgentId.of("1002", TENANT),
                    "+15550001", null));
    final byte[] value = new EnvelopeCodec().encode(outbound);

    @Test
    void aHandledTypeIsDecodedOnce() {
        assertThat(reader.read(Topics.CALL_EVENTS, KEY, TypeHeader.valueOf(outbound), value)).isEqualTo(outbound);
    }

    @Test
    void aTypeStatsDoesNotProjectIsSkippedWithoutDecoding() {
        byte[] garbled = "{not even JSON".getBytes(StandardCharsets.UTF_8);

        assertThat(reader.read(Topics.CALL_EVENTS, KEY, "call.Ringing".getBytes(StandardCharsets.UTF_8), garbled))
                .isNull();
    }

    @Test
    void aRecordWithoutTheHeaderIsDecodedAndChecked() {
        assertThat(reader.read(Topics.CALL_EVENTS, KEY, null, value)).isEqualTo(outbound);
        assertThatThrownBy(() -> reader.read(Topics.CALL_EVENTS, KEY, null, "{no".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void aRecordKeyedByAnotherTenantCanNeverBeProjected() {
        byte[] otherKey = "someone-else.example.com".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(Topics.CALL_EVENTS, otherKey, TypeHeader.valueOf(outbound), value))
                .isInstanceOf(MalformedEnvelopeException.class).hasMessageContaining("someone-else.example.com");
    }
}
