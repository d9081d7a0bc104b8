package io.ccagent.queue.projection;

import io.ccagent.badinput.kafka.DeadLetterWriter;
import io.ccagent.badinput.kafka.DeadLetters;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

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

    private final EnvelopeCodec codec;
    private final DeadLetterWriter deadLetters;
    private final MeterRegistry meters;

    FactRecords(EnvelopeCodec codec, DeadLetterWriter deadLetters, MeterRegistry meters) {
        this.codec = codec;
        this.deadLetters = deadLetters;
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
        deadLetters.write(DeadLetters.Source.of(record), record.key(), record.value(), reason);
        meters.counter("cca.queue.projection.dead-lettered", "topic", record.topic()).increment();
    }
}
