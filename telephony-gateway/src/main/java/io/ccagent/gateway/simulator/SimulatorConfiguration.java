package io.ccagent.gateway.simulator;

import io.ccagent.contracts.ids.Tenant;
import io.ccagent.gateway.config.GatewayProperties;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Demo mode: with {@code SIMULATOR_ENABLED=true} the configured tenant gets live simulated traffic at startup. */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

    private final GatewayProperties.Simulator config;
    private final TrafficSimulator simulator;

    SimulatorConfiguration(GatewayProperties properties, TrafficSimulator simulator) {
        this.config = properties.simulator();
        this.simulator = simulator;
    }

    @Bean
    static RandomGenerator simulatorRandom() {
        return new SplittableRandom();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startDemoTraffic() {
        if (config.enabled() && config.callsPerMinute() > 0) {
            simulator.start(Tenant.of(config.tenant()), config.callsPerMinute(), null);
        }
    }
}
