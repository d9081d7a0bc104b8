package io.ccagent.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port the local runtime listens on. The defaults are the documented ones; tests shift them all by an
 * offset so a test run never collides with a demo that is already running.
 */
public record RuntimePorts(int portal, int agent, int queue, int stats, int gateway, int sip, int kafka,
                           int kafkaController, int mongo, int smtp, int mailbox, int gatewayInternal, int demoTrunk) {

    public static RuntimePorts defaults() {
        return new RuntimePorts(8080, 8081, 8082, 8083, 8084, 5060, 9092, 9093, 27017, 3025, 8025, 8094, 5062);
    }

    public RuntimePorts shiftedBy(int offset) {
        return new RuntimePorts(portal + offset, agent + offset, queue + offset, stats + offset, gateway + offset,
                sip + offset, kafka + offset, kafkaController + offset, mongo + offset, smtp + offset, mailbox + offset,
                gatewayInternal + offset, demoTrunk + offset);
    }

    /** Ports by what listens there, for the "port already taken" message. */
    public Map<String, Integer> byOwner() {
        Map<String, Integer> owners = new LinkedHashMap<>();
        owners.put("portal-bff", portal);
        owners.put("agent-service", agent);
        owners.put("queue-service", queue);
        owners.put("stats-service", stats);
        owners.put("telephony-gateway (public HTTP)", gateway);
        owners.put("telephony-gateway (internal HTTP)", gatewayInternal);
        owners.put("telephony-gateway (SIP)", sip);
        owners.put("Kafka broker", kafka);
        owners.put("Kafka controller", kafkaController);
        owners.put("MongoDB", mongo);
        owners.put("demo SMTP server", smtp);
        owners.put("demo mailbox", mailbox);
        owners.put("demo trunk (SIP)", demoTrunk);
        return owners;
    }
}
