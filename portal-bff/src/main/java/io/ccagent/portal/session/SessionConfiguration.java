package io.ccagent.portal.session;

import com.mongodb.client.MongoClient;
import io.ccagent.portal.PortalSettings;
import org.mongodb.spring.session.MongoIndexedSessionRepository;
import org.mongodb.spring.session.config.annotation.web.http.EnableMongoHttpSession;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Sessions are stored in the portal's MongoDB database (collection {@code sessions}), so any portal instance serves
 * any request: no sticky sessions, and ending a session ends it everywhere. Idle timeout and cookie security are
 * Spring Boot's {@code server.servlet.session.*}; a session is written when it changes ({@link ThrottledTouchSessions}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMongoHttpSession(collectionName = "sessions")
@EnableScheduling
@EnableConfigurationProperties(ServerProperties.class)
class SessionConfiguration {

    static final String COOKIE = "PORTAL_SESSION";

    @Bean
    MongoTemplate sessionMongoTemplate(MongoClient client, MongoProperties mongo) {
        return new MongoTemplate(client, mongo.getMongoClientDatabase());
    }

    /** The repository the session filter and the portal use: the MongoDB one, written only when a session changed. */
    @Bean
    @Primary
    ThrottledTouchSessions sessions(MongoIndexedSessionRepository store, PortalSettings settings) {
        return new ThrottledTouchSessions(store, settings.sessionTouch());
    }

    @Bean
    SessionRepositoryCustomizer<MongoIndexedSessionRepository> idleTimeout(ServerProperties server) {
        return repository -> repository.setDefaultMaxInactiveInterval(server.getServlet().getSession().getTimeout());
    }

    @Bean
    CookieSerializer sessionCookie(ServerProperties server) {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setUseSecureCookie(Boolean.TRUE.equals(server.getServlet().getSession().getCookie().getSecure()));
        return cookie;
    }
}
