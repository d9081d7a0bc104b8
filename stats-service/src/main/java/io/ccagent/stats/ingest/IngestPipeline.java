package io.ccagent.stats.ingest;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.stats.store.Generation;
import io.ccagent.stats.store.StatsStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Decodes a batch of records of one topic and hands it to that topic's projection. */
@Component
public class IngestPipeline {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final StatsStore store;
    private final CallProjection calls;
    private final AgentProjection agents;
    private final QueueProjection queues;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;

    IngestPipeline(StatsStore store, CallProjection calls, AgentProjection agents, QueueProjection queues,
                   MeterRegistry meters, DeadLetters deadLetters) {
        this.store = store;
        this.calls = calls;
        this.agents = agents;
        this.queues = queues;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    /**
     * Live consumption. A record that cannot be decoded goes to the dead-letter topic and the rest of the batch is
     * projected; {@code keys} are the records' keys in the same order (may be null).
     */
    void consume(String topic, List<byte[]> records, List<?> keys) {
        List<Envelope> decoded = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            try {
                decoded.add(codec.decodeRecord(keys == null ? null : keys.get(index), records.get(index)));
            } catch (MalformedEnvelopeException e) {
                deadLetters.send(topic, keys == null ? null : keys.get(index), records.get(index), e.getMessage());
                meters.counter("cca.stats.records.dead.lettered", "topic", topic).increment();
            }
        }
        project(topic, decoded);
    }

    private void project(String topic, List<Envelope> events) {
        if (events.isEmpty()) {
            return;
        }
        store.writeLive(generation -> apply(topic, events, generation));
        meters.counter("cca.stats.events.projected", "topic", topic).increment(events.size());
    }

    /** Projects already-decoded events of one topic into the given generation (live or rebuild). */
    public void apply(String topic, List<Envelope> events, Generation generation) {
        switch (topic) {
            case Topics.CALL_EVENTS -> calls.apply(events, generation);
            case Topics.AGENT_EVENTS -> agents.apply(events, generation);
            case Topics.QUEUE_EVENTS, Topics.QUEUE_FACTS -> queues.apply(events, generation);
            default -> throw new IllegalArgumentException("stats-service does not read " + topic);
        }
    }

    /** For rebuilds: decodes what it can; records that fail were already dead-lettered by live consumption. */
    public List<Envelope> decodeReadable(List<byte[]> records) {
        List<Envelope> decoded = new ArrayList<>(records.size());
        for (byte[] record : records) {
            try {
                decoded.add(codec.decode(record));
            } catch (MalformedEnvelopeException e) {
                meters.counter("cca.stats.rebuild.skipped").increment();
            }
        }
        return decoded;
    }
}
