package io.ccagent.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every tunable of the gateway, bound from {@code gateway.*} in application.yml (env vars map onto them there). */
@ConfigurationProperties("gateway")
public record GatewayProperties(Sip sip, Http http, Simulator simulator) {

    /** @param internalPort the internal HTTP listener (every endpoint); {@code server.port} is the public one */
    public record Http(int internalPort) {
    }

    /**
     * @param bindHost           address the SIP listeners bind to
     * @param advertisedHost     address written into Via, Contact and SDP (what phones can reach)
     * @param trunkUri           outbound trunk ({@code sip:host:port}); empty disables outbound calls
     * @param maxMessageBytes    larger SIP messages are refused by the stack (400) or, on TCP, dropped
     * @param maxBodyBytes       larger SIP bodies are refused with 413
     * @param requestsPerSecondPerSource requests beyond this rate from one address are dropped silently
     * @param authFailuresBeforeBackoff wrong digest credentials per device or source before attempts are delayed
     * @param authBackoffMax     longest delay between checked attempts (the delay doubles per further failure)
     * @param ringTimeoutGrace   how long after the router's ring timeout an offered leg is ended by the gateway
     *                           if the router never cancelled it (the router owns ring timeouts; this only stops
     *                           a leg from ringing forever when the router is gone)
     */
    public record Sip(String bindHost, String advertisedHost, int port, String trunkUri, int minExpires,
                      int maxExpires, Duration registrationSweep, Duration directRingTimeout,
                      Duration maxQueueWait, int maxCalls, int maxMessageBytes, int maxBodyBytes,
                      int requestsPerSecondPerSource, Duration nonceLifetime, int authFailuresBeforeBackoff,
                      Duration authBackoffMax, Duration ringTimeoutGrace) {

        public boolean hasTrunk() {
            return trunkUri != null && !trunkUri.isBlank();
        }
    }

    /**
     * @param tenant          tenant whose devices become virtual phones
     * @param devices         device names that act as virtual phones; empty = every provisioned device of the tenant
     * @param callsPerMinute  simulated inbound calls per minute, spread over the tenant's queues
     */
    public record Simulator(boolean enabled, String tenant, java.util.List<String> devices,
                            int callsPerMinute, Duration answerDelayMax,
                            Duration talkTimeMax, double abandonProbability, double noAnswerProbability) {
    }
}
