package io.ccagent.gateway.events;

import io.ccagent.contracts.Topics;
import io.ccagent.contracts.wire.TypeHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/** Sends a batch of outbox facts to {@code call.events} and waits for the broker's acknowledgement of each. */
@Component
class KafkaRelay implements Outbox.Relay {

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);

    private final KafkaTemplate<String, byte[]> kafka;

    KafkaRelay(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public Set<Long> send(List<Outbox.Pending> facts) throws InterruptedException {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>();
        for (Outbox.Pending fact : facts) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CALL_EVENTS, fact.key(), fact.payload());
            record.headers().add(TypeHeader.NAME, fact.type().getBytes(StandardCharsets.UTF_8));
            try {
                sent.add(kafka.send(record));
            } catch (RuntimeException e) {
                // No metadata within max.block.ms: the broker is away; later facts would only wait as long again.
                log.debug("call fact {} not sent: {}", fact.sequence(), e.toString());
                break;
            }
        }
        Set<Long> acknowledged = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
                acknowledged.add(facts.get(i).sequence());
            } catch (ExecutionException e) {
                log.debug("call fact {} not acknowledged: {}", facts.get(i).sequence(), e.getCause().toString());
            }
        }
        return acknowledged;
    }
}
