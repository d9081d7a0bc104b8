package io.ccagent.portal.session;

import com.mongodb.client.MongoClient;
import org.mongodb.spring.session.MongoIndexedSessionRepository;
import org.mongodb.spring.session.config.annotation.web.http.EnableMongoHttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import java.time.Duration;

/**
 * Sessions are stored in the portal's MongoDB database (collection {@code sessions}), so any portal instance serves
 * any request: no sticky sessions, and ending a session ends it everywhere.
 */
@Configuration(proxyBeanMethods = false)
@EnableMongoHttpSession(collectionName = "sessions")
@EnableScheduling
class SessionConfiguration {

    static final String COOKIE = "PORTAL_SESSION";

    @Bean
    MongoTemplate sessionMongoTemplate(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        return new MongoTemplate(client, database);
    }

    @Bean
    SessionRepositoryCustomizer<MongoIndexedSessionRepository> idleTimeout(
            @Value("${server.servlet.session.timeout}") Duration idleTimeout) {
        return repository -> repository.setDefaultMaxInactiveInterval(idleTimeout);
    }

    @Bean
    CookieSerializer sessionCookie(@Value("${server.servlet.session.cookie.secure}") boolean secure) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setUseSecureCookie(secure);
        return cookie;
    }
}
