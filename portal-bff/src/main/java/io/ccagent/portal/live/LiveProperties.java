package io.ccagent.portal.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the live push ({@code portal.live.*}).
 *
 * @param subscriberQueue events one browser stream may have waiting; a stream that falls further behind is dropped
 *                        (its browser reconnects and re-reads the page)
 * @param writerThreads   threads that write queued events to the streams, so the Kafka consumer never waits on a
 *                        browser
 * @param streamLifetime  a stream is closed after this long; the browser reconnects on its own
 */
@ConfigurationProperties("portal.live")
record LiveProperties(@DefaultValue("256") int subscriberQueue, @DefaultValue("4") int writerThreads,
                      @DefaultValue("30m") Duration streamLifetime) {
}
