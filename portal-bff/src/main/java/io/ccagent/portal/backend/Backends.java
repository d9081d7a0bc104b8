package io.ccagent.portal.backend;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Duration;

/** The four services behind the portal, base URLs from the environment. */
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
             @Value("${portal.backends.timeout}") Duration timeout) {
        RestClient.Builder timed = RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .build(HttpClientSettings.defaults().withConnectTimeout(timeout).withReadTimeout(timeout)));
        this.agents = new Backend(timed.clone().baseUrl(agentService).build());
        this.queues = new Backend(timed.clone().baseUrl(queueService).build());
        this.stats = new Backend(timed.clone().baseUrl(statsService).build());
        this.gateway = new Backend(timed.clone().baseUrl(gatewayService).build());
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
