package io.ccagent.harness.kafka;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.call.DeviceUnregistered;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.CallerLeft;
import io.ccagent.contracts.queue.CallerLeftReason;
import io.ccagent.contracts.queue.CallerPicked;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The records the Kafka probe publishes on one topic: every kind of bad record, then one valid record. All belong to a
 * probe tenant nobody uses, so a consumer that wrongly accepts one cannot disturb the demo tenant.
 */
final class ProbeRecords {

    static final Tenant PROBE_TENANT = Tenant.of("harness-probe.test");
    static final String OTHER_TENANT_KEY = "someone-else.test";

    /** One record to publish: its kind, key and value, and whether the consumers must dead-letter it. */
    record Probe(String kind, String key, byte[] value, boolean mustDeadLetter) {
    }

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final String runId;

    ProbeRecords(String runId) {
        this.runId = runId;
    }

    List<Probe> forTopic(String topic) {
        String key = PROBE_TENANT.domain();
        byte[] valid = codec.encode(validEnvelope(topic));
        String validJson = new String(valid, StandardCharsets.UTF_8);
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("garbage", key, ("\u0000\u00ff\ufffd garbage " + runId).getBytes(StandardCharsets.UTF_8), true));
        probes.add(new Probe("empty", key, new byte[0], true));
        probes.add(new Probe("truncated-json", key, Arrays.copyOf(valid, valid.length / 2), true));
        probes.add(new Probe("json-array", key, ("[\"" + runId + "\"]").getBytes(StandardCharsets.UTF_8), true));
        probes.add(new Probe("unknown-type", key, replace(validJson, "\"type\":\"", "\"type\":\"harness.Unknown").getBytes(StandardCharsets.UTF_8), true));
        probes.add(new Probe("future-version", key, validJson.replaceFirst("\"version\":\\d+", "\"version\":99").getBytes(StandardCharsets.UTF_8), true));
        probes.add(new Probe("missing-data", key, validJson.substring(0, validJson.indexOf(",\"data\"")).concat("}").getBytes(StandardCharsets.UTF_8), true));
        probes.add(new Probe("tenant-differs-from-data", key, validJson.replaceFirst("\"tenant\":\"[^\"]+\"", "\"tenant\":\"" + OTHER_TENANT_KEY + "\"").getBytes(StandardCharsets.UTF_8), true));
        probes.add(new Probe("key-differs-from-tenant", OTHER_TENANT_KEY, codec.encode(validEnvelope(topic)), true));
        probes.add(new Probe("valid", key, codec.encode(validEnvelope(topic)), false));
        return probes;
    }

    private static String replace(String json, String marker, String replacement) {
        int at = json.indexOf(marker);
        int end = json.indexOf('"', at + marker.length());
        return json.substring(0, at) + replacement + json.substring(end);
    }

    private Envelope validEnvelope(String topic) {
        return Envelope.of(UUID.randomUUID(), Instant.now(), null, validEvent(topic));
    }

    private Event validEvent(String topic) {
        AgentId agent = AgentId.of("9999", PROBE_TENANT);
        CallId call = CallId.of("probe-" + runId + "-" + UUID.randomUUID());
        return switch (topic) {
            case Topics.AGENT_EVENTS -> new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE,
                    ChangeSource.PORTAL, agent.toString());
            case Topics.QUEUE_EVENTS -> new CallerPicked(QueueId.of("9999", PROBE_TENANT), call, agent,
                    DeviceId.of("9999", PROBE_TENANT), "harness probe");
            case Topics.QUEUE_FACTS -> new CallerLeft(QueueId.of("9999", PROBE_TENANT), call, CallerLeftReason.ABANDONED);
            case Topics.CALL_EVENTS -> new DeviceUnregistered(PROBE_TENANT, DeviceId.of("9999", PROBE_TENANT), agent,
                    "harness probe");
            case Topics.ROUTING_COMMANDS -> new CancelOffer(PROBE_TENANT, call, List.of(DeviceId.of("9999", PROBE_TENANT)),
                    "harness probe");
            default -> throw new IllegalArgumentException("no probe event for " + topic);
        };
    }
}
