package io.ccagent.stats.ingest;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.QueueLoginChanged;
import io.ccagent.contracts.agent.WrapUpEnded;
import io.ccagent.contracts.agent.WrapUpStarted;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallArrived;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.OutboundPlaced;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one decode-and-check path every record takes, in live consumption and in a rebuild alike, so both see the same
 * records: types stats does not project are skipped by their {@code ce_type} header without decoding; the rest are
 * decoded once and their record key checked against the envelope's tenant.
 */
@Component
public class RecordReader {

    private static final Map<String, Set<String>> HANDLED = Map.of(
            Topics.CALL_EVENTS, names(List.of(CallArrived.class, CallAnswered.class, CallEnded.class,
                    CallAbandoned.class, OutboundPlaced.class, OfferNotAnswered.class)),
            Topics.AGENT_EVENTS, names(List.of(AgentProvisioned.class, AgentStatusChanged.class,
                    QueueLoginChanged.class, WrapUpStarted.class, WrapUpEnded.class)),
            Topics.QUEUE_EVENTS, names(List.of(QueueConfigured.class, QueueMemberAdded.class,
                    QueueMemberUpdated.class, QueueMemberRemoved.class)),
            Topics.QUEUE_FACTS, names(AvailabilityProjection.TYPES));

    private final EnvelopeCodec codec = new EnvelopeCodec();

    /** The topics stats-service reads. */
    public static Set<String> topics() {
        return HANDLED.keySet();
    }

    /**
     * The record's envelope, or null when its {@code ce_type} header names a type stats does not project.
     *
     * @throws MalformedEnvelopeException for a record that can never be projected (not an envelope, or keyed by
     *                                    another tenant than its own)
     */
    public Envelope read(String topic, Object key, Object typeHeader, byte[] value) {
        Set<String> handled = HANDLED.get(topic);
        if (handled == null) {
            throw new IllegalArgumentException("stats-service does not read " + topic);
        }
        if (!TypeHeader.handled(typeHeader, handled)) {
            return null;
        }
        return codec.decodeRecord(key, value);
    }

    @SafeVarargs
    private static Set<String> names(List<? extends Class<? extends Event>>... types) {
        return Stream.of(types).flatMap(List::stream).map(type -> EventTypes.of(type).name())
                .collect(Collectors.toUnmodifiableSet());
    }
}
