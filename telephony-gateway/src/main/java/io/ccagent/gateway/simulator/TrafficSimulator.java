package io.ccagent.gateway.simulator;

import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.queues.QueueDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Poisson arrivals of simulated callers into a tenant's queues, for a while or until stopped. */
@Component
class TrafficSimulator {

    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
    private static final Duration REREGISTER = Duration.ofMinutes(30);

    private final VirtualPhones phones;
    private final QueueDirectory queues;
    private final ScheduledExecutorService timers;
    private final RandomGenerator random;
    private final Clock clock;

    TrafficSimulator(VirtualPhones phones, QueueDirectory queues, ScheduledExecutorService timers,
                     RandomGenerator random, Clock clock) {
        this.phones = phones;
        this.queues = queues;
        this.timers = timers;
        this.random = random;
        this.clock = clock;
    }

    /** Registers the tenant's virtual phones and starts arrivals; {@code until} null means for as long as we run. */
    Run start(Tenant tenant, int callsPerMinute, Instant until) {
        Run run = new Run(tenant, callsPerMinute, until);
        phones.registerPhones(tenant);
        timers.scheduleWithFixedDelay(() -> {
            if (run.active()) {
                phones.registerPhones(tenant);
            }
        }, REREGISTER.toMillis(), REREGISTER.toMillis(), TimeUnit.MILLISECONDS);
        run.scheduleNext();
        log.info("simulating {} calls/min for tenant {} until {}", callsPerMinute, tenant,
                until == null ? "stopped" : until);
        return run;
    }

    final class Run {
        final String id = UUID.randomUUID().toString();
        private final Tenant tenant;
        private final int callsPerMinute;
        private final Instant until;

        Run(Tenant tenant, int callsPerMinute, Instant until) {
            this.tenant = tenant;
            this.callsPerMinute = callsPerMinute;
            this.until = until;
        }

        boolean active() {
            return until == null || clock.instant().isBefore(until);
        }

        private void scheduleNext() {
            double meanMillis = 60_000.0 / callsPerMinute;
            long gap = (long) (-Math.log(1 - random.nextDouble()) * meanMillis);
            timers.schedule(this::arrive, gap, TimeUnit.MILLISECONDS);
        }

        private void arrive() {
            if (!active()) {
                return;
            }
            try {
                List<QueueId> known = queues.queuesOf(tenant);
                if (!known.isEmpty()) {
                    phones.callArrives(known.get(random.nextInt(known.size())), CallId.of("sim-" + UUID.randomUUID()));
                }
            } catch (RuntimeException e) {
                log.warn("simulated arrival failed: {}", e.toString());
            }
            scheduleNext();
        }
    }
}
