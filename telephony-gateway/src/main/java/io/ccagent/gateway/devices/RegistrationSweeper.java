package io.ccagent.gateway.devices;

import io.ccagent.gateway.config.GatewayProperties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Expires registrations that were not refreshed in time (the embedded store has no TTL, and events must flow). */
@Component
class RegistrationSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RegistrationSweeper.class);

    private final DeviceDirectory directory;
    private final ScheduledExecutorService timers;
    private final long periodMillis;
    private volatile ScheduledFuture<?> task;

    RegistrationSweeper(DeviceDirectory directory, ScheduledExecutorService timers, GatewayProperties properties) {
        this.directory = directory;
        this.timers = timers;
        this.periodMillis = properties.sip().registrationSweep().toMillis();
    }

    @Override
    public void start() {
        task = timers.scheduleWithFixedDelay(this::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            directory.sweepExpired();
        } catch (RuntimeException e) {
            log.warn("registration sweep failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }
}
