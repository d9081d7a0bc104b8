package io.ccagent.badinput.kafka;

import io.ccagent.contracts.wire.MalformedEnvelopeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

    @Test
    void aDeadLetterIsTheRecordUnchangedOnTheTopicsDlqWithWhereAndWhy() {
        byte[] value = "not json".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> read = new ConsumerRecord<>("call.events", 3, 42L, "x.example.com", value);

        ProducerRecord<String, byte[]> dead = DeadLetters.of(read, new MalformedEnvelopeException("no type"));

        assertThat(dead.topic()).isEqualTo("call.events.dlq");
        assertThat(dead.key()).isEqualTo("x.example.com");
        assertThat(dead.value()).isEqualTo(value);
        assertThat(headers(dead)).containsExactlyInAnyOrderEntriesOf(Map.of(
                DeadLetters.ORIGINAL_TOPIC, "call.events",
                DeadLetters.ORIGINAL_PARTITION, "3",
                DeadLetters.ORIGINAL_OFFSET, "42",
                DeadLetters.EXCEPTION_CLASS, MalformedEnvelopeException.class.getName(),
                DeadLetters.REASON, "no type"));
    }

    private static Map<String, String> headers(ProducerRecord<?, ?> record) {
        return Arrays.stream(record.headers().toArray()).collect(Collectors.toMap(Header::key,
                header -> new String(header.value(), StandardCharsets.UTF_8)));
    }
}
