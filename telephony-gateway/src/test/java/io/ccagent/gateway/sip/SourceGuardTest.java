package io.ccagent.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccagent.gateway.config.GatewayProperties;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourceGuardTest {

    private static GatewayProperties budget(int perSecond) {
        return new GatewayProperties(new GatewayProperties.Sip("127.0.0.1", "127.0.0.1", 15099, "", 60, 3600,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30), 100, 16384, 8192, perSecond,
                Duration.ofMinutes(5), 5, Duration.ofSeconds(60), Duration.ofSeconds(30)), null, null);
    }

    @Test
    void sourceOverItsBudgetIsRefusedUntilTheNextSecond() throws Exception {
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        SourceGuard guard = new SourceGuard(budget(3), Clock.fixed(Instant.parse("2026-11-26T10:00:00.100Z"), ZoneOffset.UTC));

        assertThat(guard.allow(flooder)).isTrue();
        assertThat(guard.allow(flooder)).isTrue();
        assertThat(guard.allow(flooder)).isTrue();
        assertThat(guard.allow(flooder)).isFalse();
        assertThat(new SourceGuard(budget(3), Clock.fixed(Instant.parse("2026-11-26T10:00:01.100Z"), ZoneOffset.UTC))
                .allow(flooder)).isTrue();
    }

    @Test
    void oneSourceFloodingDoesNotStarveAnother() throws Exception {
        SourceGuard guard = new SourceGuard(budget(1), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        InetAddress phone = InetAddress.getByName("192.0.2.2");

        guard.allow(flooder);
        assertThat(guard.allow(flooder)).isFalse();
        assertThat(guard.allow(phone)).isTrue();
    }
}
