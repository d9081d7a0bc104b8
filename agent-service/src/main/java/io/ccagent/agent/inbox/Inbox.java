package io.ccagent.agent.inbox;

import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;

/**
 * Decodes a Kafka record and hands it on once per envelope id. A record that does not decode throws, so the
 * binder sends it to the dead-letter topic and the consumer keeps going.
 */
@Component
public class Inbox {

    private final EnvelopeCodec codec;
    private final ProcessedEnvelopes processed;

    Inbox(EnvelopeCodec codec, ProcessedEnvelopes processed) {
        this.codec = codec;
        this.processed = processed;
    }

    public void receive(Message<byte[]> message, Consumer<Envelope> handler) {
        Envelope envelope = codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload());
        if (processed.seen(envelope.id())) {
            return;
        }
        handler.accept(envelope);
        processed.remember(envelope.id());
    }
}
