package io.ccagent.portal.backend;

import io.ccagent.identity.ServiceTokens;
import io.ccagent.portal.PortalSettings;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The four services behind the portal, base URLs and the service-token secret from {@code portal.backends}. Calls go
 * through Apache HttpClient's pool of kept-alive connections and run on the calling thread. The JDK client hands each
 * exchange to its selector and worker threads, and on a two-core host (a common pool of one) started a new thread for
 * each exchange's completion stages.
 */
@Component
public class Backends {

    /** Room for every request thread of a busy instance, and the wallboard's parallel reads, to one service at once. */
    private static final int CONNECTIONS_PER_SERVICE = 64;

    private final Backend agents;
    private final Backend queues;
    private final Backend stats;
    private final Backend gateway;

    Backends(PortalSettings settings) {
        PortalSettings.BackendUrls urls = settings.backends();
        ServiceTokens tokens = ServiceTokens.withSecret(urls.tokenSecret());
        RestClient.Builder timed = RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool.setMaxConnPerRoute(CONNECTIONS_PER_SERVICE)
                        .setMaxConnTotal(4 * CONNECTIONS_PER_SERVICE))
                .build(HttpClientSettings.defaults().withConnectTimeout(urls.timeout())
                        .withReadTimeout(urls.timeout())));
        this.agents = new Backend(timed.clone().baseUrl(urls.agentService()).build(), tokens);
        this.queues = new Backend(timed.clone().baseUrl(urls.queueService()).build(), tokens);
        this.stats = new Backend(timed.clone().baseUrl(urls.statsService()).build(), tokens);
        this.gateway = new Backend(timed.clone().baseUrl(urls.gateway()).build(), tokens);
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
