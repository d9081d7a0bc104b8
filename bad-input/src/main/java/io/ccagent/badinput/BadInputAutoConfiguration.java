package io.ccagent.badinput;

import io.ccagent.badinput.http.ProblemAdvice;
import io.ccagent.badinput.kafka.DeadLetterWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;

/** Switches on each half with the stack it serves: problem details in a web service, dead letters where Kafka is. */
@AutoConfiguration
public class BadInputAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(ProblemAdvice.class)
    static class Problems {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({KafkaTemplate.class, KafkaProperties.class})
    @EnableConfigurationProperties(KafkaProperties.class)
    static class DeadLetterTopics {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        DeadLetterWriter deadLetterWriter(KafkaProperties kafka) {
            return DeadLetterWriter.onProducer(kafka.buildProducerProperties());
        }
    }
}
