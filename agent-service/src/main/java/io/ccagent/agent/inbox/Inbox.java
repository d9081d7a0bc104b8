package io.ccagent.agent.inbox;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.TypeHeader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One consumer's entrance: records of types it does not handle are skipped from their {@code ce_type} header without
 * decoding and leave no trace; the others are decoded and handed on. Nothing is stored here: a redelivered record is
 * recognised by the agent itself, which remembers the envelope ids that caused its recent changes in the same write
 * as the changes (see {@code Agent}). A record that does not decode throws, so the binder sends it to the dead-letter
 * topic and the consumer keeps going.
 */
public final class Inbox {

    private final EnvelopeCodec codec;
    private final Set<String> handledTypes;

    @SafeVarargs
    public Inbox(EnvelopeCodec codec, Class<? extends Event>... handled) {
        this.codec = codec;
        this.handledTypes = Stream.of(handled).map(type -> EventTypes.of(type).name()).collect(Collectors.toSet());
    }

    public void receive(Message<byte[]> message, Consumer<Envelope> handler) {
        if (!TypeHeader.handled(message.getHeaders().get(TypeHeader.NAME), handledTypes)) {
            return;
        }
        Envelope envelope = codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload());
        if (handledTypes.contains(envelope.type())) {
            handler.accept(envelope);
        }
    }
}
