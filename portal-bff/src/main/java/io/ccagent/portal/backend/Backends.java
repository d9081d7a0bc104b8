package io.ccagent.portal.backend;

import io.ccagent.identity.ServiceTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Duration;

/** The four services behind the portal, base URLs and the service-token secret from the environment. */
@Component
public class Backends {

    private final Backend agents;
    private final Backend queues;
    private final Backend stats;
    private final Backend gateway;

    Backends(@Value("${portal.backends.agent-service}") String agentService,
             @Value("${portal.backends.queue-service}") String queueService,
             @Value("${portal.backends.stats-service}") String statsService,
             @Value("${portal.backends.gateway}") String gatewayService,
             @Value("${portal.backends.timeout}") Duration timeout,
             @Value("${portal.backends.token-secret}") String tokenSecret) {
        ServiceTokens tokens = ServiceTokens.withSecret(tokenSecret);
        RestClient.Builder timed = RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withConnectTimeout(timeout).withReadTimeout(timeout)));
        this.agents = new Backend(timed.clone().baseUrl(agentService).build(), tokens);
        this.queues = new Backend(timed.clone().baseUrl(queueService).build(), tokens);
        this.stats = new Backend(timed.clone().baseUrl(statsService).build(), tokens);
        this.gateway = new Backend(timed.clone().baseUrl(gatewayService).build(), tokens);
    }

    public Backend agents() {
        return agents;
    }

    public Backend queues() {
        return queues;
    }

    public Backend stats() {
        return stats;
    }

    public Backend gateway() {
        return gateway;
    }
}
