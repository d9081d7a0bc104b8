package io.ccagent.gateway.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SourceGuardTest {

    @Test
    void sourceOverItsBudgetIsRefusedUntilTheNextSecond() throws Exception {
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        SourceGuard guard = new SourceGuard(SipSettings.withSourceBudget(3), Clock.fixed(Instant.parse("2026-11-26T10:00:00.100Z"), ZoneOffset.UTC));

        assertThat(guard.allow(flooder)).isTrue();
        assertThat(guard.allow(flooder)).isTrue();
        assertThat(guard.allow(flooder)).isTrue();
        assertThat(guard.allow(flooder)).isFalse();
        assertThat(new SourceGuard(SipSettings.withSourceBudget(3), Clock.fixed(Instant.parse("2026-11-26T10:00:01.100Z"), ZoneOffset.UTC))
                .allow(flooder)).isTrue();
    }

    @Test
    void oneSourceFloodingDoesNotStarveAnother() throws Exception {
        SourceGuard guard = new SourceGuard(SipSettings.withSourceBudget(1), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        InetAddress flooder = InetAddress.getByName("192.0.2.1");
        InetAddress phone = InetAddress.getByName("192.0.2.2");

        guard.allow(flooder);
        assertThat(guard.allow(flooder)).isFalse();
        assertThat(guard.allow(phone)).isTrue();
    }
}
