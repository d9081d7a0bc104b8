package io.ccagent.harness.kafka;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe is only as good as its records: the bad ones must really be bad, the valid one really valid. */
class ProbeRecordsTest {

    static final List<String> topics = Topics.ALL;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @ParameterizedTest
    @FieldSource("topics")
    void everyBadPayloadIsRefusedByTheCodecAndTheValidOneDecodes(String topic) {
        List<ProbeRecords.Probe> probes = new ProbeRecords("test").forTopic(topic);

        for (ProbeRecords.Probe probe : probes) {
            switch (probe.kind()) {
                case "valid" -> assertThat(codec.decode(probe.value()).tenant()).isEqualTo(ProbeRecords.PROBE_TENANT);
                case "key-differs-from-tenant" -> {
                    assertThat(codec.decode(probe.value()).key()).isNotEqualTo(probe.key());
                }
                default -> assertThatThrownBy(() -> codec.decode(probe.value()))
                        .as(probe.kind()).isInstanceOf(MalformedEnvelopeException.class);
            }
        }
        assertThat(probes.get(probes.size() - 1).kind()).isEqualTo("valid");
        assertThat(probes).filteredOn(ProbeRecords.Probe::mustDeadLetter).hasSize(probes.size() - 1);
    }
}
