package io.ccagent.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Every setting of the portal (application.yml, prefix {@code portal}; the environment variables map onto them
 * there). Sessions and their cookie are Spring Boot's own {@code server.servlet.session.*}.
 *
 * @param publicUrl         the portal's address as browsers reach it: the base of the links in reset mails
 * @param demoMailboxUrl    the local runtime's demo mailbox, linked from the sign-in pages; empty: no link
 * @param provisioningToken the shared secret the seeder sends to create accounts ({@code X-Provisioning-Token})
 * @param sessionTouch      how often a session in use has its last access written (at most a tenth of the idle
 *                          timeout); other changes to a session are written at once
 */
@ConfigurationProperties("portal")
public record PortalSettings(String publicUrl, @DefaultValue("") String demoMailboxUrl, String provisioningToken,
                             @DefaultValue Live live, @DefaultValue Login login, @DefaultValue Reset reset,
                             Mail mail, BackendUrls backends, @DefaultValue("1m") Duration sessionTouch) {

    /**
     * @param subscriberQueue events one browser stream may have waiting; a stream that falls further behind is dropped
     *                        (its browser reconnects and re-reads the page)
     * @param writerThreads   threads that write queued events to the streams, so the Kafka consumer never waits on a
     *                        browser
     * @param streamLifetime  a stream is closed after this long; the browser reconnects on its own
     * @param sessionCheck    how often each instance closes the streams of sessions that ended elsewhere
     */
    public record Live(@DefaultValue("256") int subscriberQueue, @DefaultValue("4") int writerThreads,
                       @DefaultValue("30m") Duration streamLifetime, @DefaultValue("5s") Duration sessionCheck) {
    }

    /**
     * @param attemptsPerSourcePerMinute sign-in attempts from one address per minute (all logins together)
     * @param freeFailures               failed sign-ins of one login before the progressive delay starts
     */
    public record Login(@DefaultValue("30") int attemptsPerSourcePerMinute, @DefaultValue("5") int freeFailures) {
    }

    /**
     * @param lifetime          how long a reset link works (once)
     * @param maxRequests       reset requests one address may make per {@code requestWindow}
     * @param maxMailsPerLogin  reset mails one login gets per {@code lifetime}
     */
    public record Reset(@DefaultValue("30m") Duration lifetime, @DefaultValue("10") int maxRequests,
                        @DefaultValue("15m") Duration requestWindow, @DefaultValue("3") int maxMailsPerLogin) {
    }

    /** @param from the sender of the portal's mails */
    public record Mail(String from) {
    }

    /**
     * The services behind the portal.
     *
     * @param gateway     the gateway's internal listener (its public one serves PBX call events only)
     * @param timeout     connect and read timeout of every call to a service
     * @param tokenSecret signs the short-lived tokens the services verify (base64, 32+ bytes, the same in every service)
     */
    public record BackendUrls(String agentService, String queueService, String statsService, String gateway,
                              Duration timeout, String tokenSecret) {
    }
}
