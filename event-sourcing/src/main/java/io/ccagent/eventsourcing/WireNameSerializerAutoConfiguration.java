package io.ccagent.eventsourcing;

import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.util.ConditionalOnMissingQualifiedBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's event serializer, wrapped so the event store names contract events by their wire names
 * ({@link WireNameSerializer}). Runs before Axon's auto-configuration, which then keeps this one.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class WireNameSerializerAutoConfiguration {

    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingQualifiedBean(beanClass = Serializer.class, qualifier = "eventSerializer")
    Serializer eventSerializer(@Qualifier("messageSerializer") Serializer messageSerializer) {
        return new WireNameSerializer(messageSerializer);
    }
}
