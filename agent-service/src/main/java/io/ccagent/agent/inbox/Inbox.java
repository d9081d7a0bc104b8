package io.ccagent.agent.inbox;

import io.ccagent.badinput.kafka.DeadLetterWriter;
import io.ccagent.badinput.kafka.DeadLetters.Source;
import io.ccagent.contracts.Event;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.wire.TypeHeader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One consumer's entrance: records of types it does not handle are skipped from their {@code ce_type} header without
 * decoding and leave no trace; the others are decoded and handed on. Nothing is stored here: a redelivered record is
 * recognised by the agent itself, which remembers the envelope ids that caused its recent changes in the same write
 * as the changes (see {@code Agent}). A record that does not decode goes to the dead-letter topic alone and the
 * consumer keeps going.
 */
public final class Inbox {

    private final EnvelopeCodec codec;
    private final DeadLetterWriter deadLetters;
    private final Set<String> handledTypes;

    @SafeVarargs
    public Inbox(EnvelopeCodec codec, DeadLetterWriter deadLetters, Class<? extends Event>... handled) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.handledTypes = Stream.of(handled).map(type -> EventTypes.of(type).name()).collect(Collectors.toSet());
    }

    public void receive(Message<byte[]> message, Consumer<Envelope> handler) {
        MessageHeaders headers = message.getHeaders();
        if (!TypeHeader.handled(headers.get(TypeHeader.NAME), handledTypes)) {
            return;
        }
        Object key = headers.get(KafkaHeaders.RECEIVED_KEY);
        Envelope envelope;
        try {
            envelope = codec.decodeRecord(key, message.getPayload());
        } catch (MalformedEnvelopeException e) {
            Source source = new Source(headers.get(KafkaHeaders.RECEIVED_TOPIC, String.class),
                    headers.get(KafkaHeaders.RECEIVED_PARTITION, Integer.class),
                    headers.get(KafkaHeaders.OFFSET, Long.class));
            deadLetters.write(source, key, message.getPayload(), e);
            return;
        }
        if (handledTypes.contains(envelope.type())) {
            handler.accept(envelope);
        }
    }
}
