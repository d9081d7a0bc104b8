package io.ccagent.queue.routing;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.queue.AgentAvailabilityChanged;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerWaiting;
import io.ccagent.queue.projection.RecordType;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The router's input edge: agent, call and queue events of the tenants whose partitions this instance owns. Records
 * replayed after an assignment rebuild the state silently; once every partition has caught up the router
 * re-examines all queues, so nothing decided during the hand-over is left undone.
 */
@Configuration(proxyBeanMethods = false)
class RoutingInput {

    private static final Logger log = LoggerFactory.getLogger(RoutingInput.class);

    /**
     * Every type the core acts on. What the router itself publishes on queue.events comes back on its input and
     * is skipped by its record header, undecoded.
     */
    private static final String[] ROUTED = EventTypes.all().stream().map(EventTypes.Registration::name)
            .filter(name -> !name.equals(EventTypes.of(AgentAvailabilityChanged.class).name())
                    && !name.equals(EventTypes.of(CallerWaiting.class).name())
                    && !name.equals(EventTypes.of(CallerLeft.class).name()))
            .toArray(String[]::new);

    @Bean
    Consumer<Message<byte[]>> router(EnvelopeCodec codec, RouterRegistry registry, ReplayProgress replay,
                                     RoutingPublisher publisher, Clock clock) {
        return message -> {
            TopicPartition partition = new TopicPartition(
                    message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class));
            boolean history = replay.isHistory(partition, message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
            if (!RecordType.surelyNoneOf(message, ROUTED)) {
                Envelope envelope = codec.decode(message.getPayload());
                List<Event> decided = registry.apply(envelope.data(), envelope.time());
                if (!history) {
                    publisher.publish(decided, envelope.id());
                }
            }
            if (history && replay.live()) {
                log.info("Routing state rebuilt from the log; re-examining every queue");
                publisher.publish(registry.reconcile(clock.instant()), null);
            }
        };
    }
}
