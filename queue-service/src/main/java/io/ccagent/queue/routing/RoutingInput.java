package io.ccagent.queue.routing;

import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.contracts.queue.RouterFact;
import io.ccagent.contracts.routing.RoutingCommand;
import io.ccagent.contracts.wire.TypeHeader;
import io.ccagent.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The router's input edge: agent, call and queue events of the tenants whose partitions this instance owns. Records
 * replayed after an assignment rebuild the state silently; newer ones wait until every partition has caught up.
 * Then the router re-examines all queues, so nothing decided during the hand-over is left undone, and routes the
 * records that waited.
 */
@Configuration(proxyBeanMethods = false)
class RoutingInput {

    private static final Logger log = LoggerFactory.getLogger(RoutingInput.class);

    /** Every type the core acts on: all of its input topics' types; anything else is skipped by its header. */
    private static final Set<String> ROUTED = EventTypes.all().stream()
            .filter(registration -> !RouterFact.class.isAssignableFrom(registration.type())
                    && !RoutingCommand.class.isAssignableFrom(registration.type()))
            .map(EventTypes.Registration::name)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The router subscribes to its input topics by pattern, which does not create them: make sure they exist (with
     * the broker's default partition count when this creates them; existing topics are left as they are).
     */
    @Bean
    KafkaAdmin.NewTopics routerInputTopics() {
        return new KafkaAdmin.NewTopics(Stream.of(Topics.AGENT_EVENTS, Topics.CALL_EVENTS, Topics.QUEUE_EVENTS, Topics.QUEUE_FACTS)
                .map(topic -> TopicBuilder.name(topic).build()).toArray(NewTopic[]::new));
    }

    @Bean
    Consumer<Message<byte[]>> router(EnvelopeCodec codec, RouterRegistry registry, ReplayProgress replay,
                                     RoutingPublisher publisher, DeadLetters deadLetters, Clock clock) {
        return message -> {
            TopicPartition partition = new TopicPartition(
                    message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class),
                    message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class));
            boolean history = replay.isHistory(partition, message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
            Envelope envelope;
            try {
                envelope = !TypeHeader.handled(message.getHeaders().get(TypeHeader.NAME), ROUTED) ? null : codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload());
            } catch (MalformedEnvelopeException e) {
                if (!history) {
                    deadLetters.send(partition.topic(), message, e);
                }
                envelope = null;
            }
            if (history) {
                if (envelope != null) {
                    registry.apply(envelope.data(), envelope.time());
                }
                if (replay.live()) {
                    log.info("Routing state rebuilt from the log; re-examining every queue");
                    publisher.publish(registry.reconcile(clock.instant()), null);
                    for (Envelope waiting : replay.takeDeferred()) {
                        publisher.publish(registry.apply(waiting.data(), waiting.time()), waiting.id());
                    }
                }
            } else if (envelope != null) {
                if (replay.live()) {
                    publisher.publish(registry.apply(envelope.data(), envelope.time()), envelope.id());
                } else {
                    replay.defer(envelope);
                }
            }
        };
    }
}
