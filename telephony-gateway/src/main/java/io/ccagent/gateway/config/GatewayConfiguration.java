package io.ccagent.gateway.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.wire.EnvelopeCodec;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Keys are tenant domains, values encoded envelopes; acks, idempotence and timeouts come from spring.kafka.producer. */
    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), new ByteArraySerializer()));
    }

    @Bean
    EnvelopeCodec envelopeCodec() {
        return new EnvelopeCodec();
    }

    @Bean
    MongoDatabase gatewayDatabase(MongoClient client, MongoProperties mongo) {
        return client.getDatabase(mongo.getMongoClientDatabase());
    }

    /** Ring timers, registration sweeps and RTP pacing share these threads; none of their tasks block. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService gatewayTimers() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "gateway-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
