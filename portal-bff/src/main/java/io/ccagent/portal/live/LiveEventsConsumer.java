package io.ccagent.portal.live;

import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads agent, queue and call events with an anonymous consumer group (every portal instance sees every event,
 * from "now") and hands them to the hub. A record is decoded only when someone on this instance listens to its
 * tenant (the record key), so an instance pays nothing for tenants nobody watches. Pushing is idempotent for the
 * browser: events carry their id and the page ignores an id it has applied. A malformed record is counted and
 * skipped here; the owning services' durable consumers are the ones that dead-letter it.
 */
@Configuration(proxyBeanMethods = false)
class LiveEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(LiveEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> liveEvents(LiveHub hub, MeterRegistry meters) {
        EnvelopeCodec codec = new EnvelopeCodec();
        Counter malformed = Counter.builder("cca.portal.live.malformed").register(meters);
        return message -> {
            Object key = message.getHeaders().get(KafkaHeaders.RECEIVED_KEY);
            if (!hub.listensTo(key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : key == null ? null : key.toString())) {
                return;
            }
            try {
                hub.publish(codec.decodeRecord(key, message.getPayload()));
            } catch (MalformedEnvelopeException e) {
                malformed.increment();
                log.warn("skipping malformed record: {}", e.getMessage());
            }
        };
    }
}
