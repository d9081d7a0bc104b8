package io.ccagent.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Every tunable of the gateway, bound from {@code gateway.*} in application.yml (env vars map onto them there). */
@ConfigurationProperties("gateway")
public record GatewayProperties(Sip sip, Simulator simulator) {

    /**
     * @param bindHost           address the SIP listeners bind to
     * @param advertisedHost     address written into Via, Contact and SDP (what phones can reach)
     * @param trunkUri           outbound trunk ({@code sip:host:port}); empty disables outbound calls
     * @param maxMessageBytes    larger SIP messages are refused by the stack (400) or, on TCP, dropped
     * @param maxBodyBytes       larger SIP bodies are refused with 413
     * @param requestsPerSecondPerSource requests beyond this rate from one address are dropped silently
     */
    public record Sip(String bindHost, String advertisedHost, int port, String trunkUri, int minExpires,
                      int maxExpires, Duration registrationSweep, Duration directRingTimeout,
                      Duration maxQueueWait, int maxCalls, int maxMessageBytes, int maxBodyBytes,
                      int requestsPerSecondPerSource, Duration nonceLifetime) {

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
