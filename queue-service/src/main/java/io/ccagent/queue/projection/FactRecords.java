package io.ccagent.queue.projection;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one poll of records into the envelopes a projection folds. A record whose {@code ce_type} header names a type
 * the projection does not handle is skipped before decoding; one that cannot be read goes to {@code <topic>.dlq}
 * alone, with the reason in a header, and the rest of the poll is projected.
 */
@Component
public class FactRecords {

    public static final String REASON_HEADER = "x-exception-message";
    private static final Logger log = LoggerFactory.getLogger(FactRecords.class);

    private final EnvelopeCodec codec;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;

    FactRecords(EnvelopeCodec codec, KafkaTemplate<String, byte[]> kafka, MeterRegistry meters) {
        this.codec = codec;
        this.kafka = kafka;
        this.meters = meters;
    }

    public List<Envelope> decode(List<ConsumerRecord<String, byte[]>> records, Set<String> handled) {
        List<Envelope> envelopes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Header type = record.headers().lastHeader(TypeHeader.NAME);
            if (!TypeHeader.handled(type == null ? null : type.value(), handled)) {
                meters.counter("cca.queue.projection.skipped", "topic", record.topic()).increment();
                continue;
            }
            try {
                envelopes.add(codec.decodeRecord(record.key(), record.value()));
            } catch (MalformedEnvelopeException e) {
                deadLetter(record, e);
            }
        }
        return envelopes;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, MalformedEnvelopeException reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(record.topic()), 0, record.key(),
                record.value());
        dead.headers().add(REASON_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        kafka.send(dead);
        meters.counter("cca.queue.projection.dead-lettered", "topic", record.topic()).increment();
        log.warn("Dead-lettered a record of {} at offset {}: {}", record.topic(), record.offset(), reason.getMessage());
    }
}
