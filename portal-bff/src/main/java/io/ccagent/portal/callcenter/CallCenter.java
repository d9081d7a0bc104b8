package io.ccagent.portal.callcenter;

import io.ccagent.badinput.http.BadRequest;
import io.ccagent.badinput.http.Conflict;
import io.ccagent.badinput.http.NotFound;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.contracts.wire.MalformedEnvelopeException;
import io.ccagent.portal.account.PortalUser;
import io.ccagent.portal.backend.Backends;
import io.ccagent.portal.live.LiveHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the signed-in agent sees and does, composed from agent-service, queue-service, stats and the gateway. */
@Service
class CallCenter {

    private static final Logger log = LoggerFactory.getLogger(CallCenter.class);

    private final Backends backends;
    private final LiveHub live;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    CallCenter(Backends backends, LiveHub live) {
        this.backends = backends;
        this.live = live;
    }

    JsonNode agent(PortalUser user) {
        return backends.agents().get(user, "/tenants/{tenant}/agents/{ext}", user.tenant(), user.extension());
    }

    List<QueueRow> myQueues(PortalUser user) {
        return queueRows(user, agent(user));
    }

    List<QueueRow> queueRows(PortalUser user, JsonNode agent) {
        Map<String, JsonNode> queuesById = byField(
                backends.queues().get(user, "/tenants/{tenant}/queues?members=false", user.tenant()), "queue");
        Map<String, JsonNode> availabilityByQueue = byField(backends.queues().get(user,
                "/tenants/{tenant}/agents/{ext}/availability", user.tenant(), user.extension()), "queue");
        List<QueueRow> rows = new ArrayList<>();
        for (JsonNode membership : agent.path("queues")) {
            String queueId = membership.path("queue").asString();
            JsonNode queue = queuesById.get(queueId);
            if (queue == null) {
                continue;
            }
            JsonNode availability = availabilityByQueue.get(queueId);
            boolean available = availability != null && availability.path("available").asBoolean(false);
            List<String> reasons = new ArrayList<>();
            if (availability != null) {
                availability.path("reasons").forEach(reason -> reasons.add(reason.asString()));
            }
            rows.add(new QueueRow(queueId, queue.path("extension").asString(localPart(queueId)),
                    queue.path("name").asString(""), queue.path("type").asString(""),
                    queue.path("typeLabel").asString(queue.path("type").asString("")),
                    membership.path("priority").asInt(0), queue.path("wrapUpSeconds").asInt(0),
                    queue.path("callersWaiting").asInt(0), membership.path("loggedIn").asBoolean(false), available,
                    availability == null ? "UNKNOWN" : availability.path("reason").asString("UNKNOWN"),
                    availability == null ? "Status not known yet"
                            : availability.path("reasonText").asString(available ? "Available" : "Unavailable"),
                    reasons, availability == null ? null : availability.path("until").asString(null)));
        }
        return rows;
    }

    JsonNode changeStatus(PortalUser user, String status) {
        return pushOwn(user, backends.agents().post(user, Map.of("status", status),
                "/tenants/{tenant}/agents/{ext}/status", user.tenant(), user.extension()));
    }

    JsonNode changeQueueLogin(PortalUser user, String queueExtension, boolean loggedIn) {
        return pushOwn(user, backends.agents().post(user, Map.of("loggedIn", loggedIn),
                "/tenants/{tenant}/agents/{ext}/queues/{queue}/login", user.tenant(), user.extension(),
                queueExtension));
    }

    JsonNode endWrapUp(PortalUser user) {
        return pushOwn(user, backends.agents().post(user, Map.of(), "/tenants/{tenant}/agents/{ext}/wrap-up/end",
                user.tenant(), user.extension()));
    }

    /** The agent's own changes with when, what, where from and who ("why was I red at 10:32?"). */
    JsonNode history(PortalUser user, Instant from, Instant to) {
        return backends.agents().get(user, "/tenants/{tenant}/agents/{ext}/history?from={from}&to={to}",
                user.tenant(), user.extension(), from, to);
    }

    JsonNode changeDevice(PortalUser user, String device, boolean active) {
        return pushOwn(user, backends.agents().post(user, Map.of("active", active),
                "/tenants/{tenant}/agents/{ext}/devices/{device}/active", user.tenant(), user.extension(),
                localPart(device)));
    }

    /**
     * agent-service answers a change with the events it caused ({@code events}, as Kafka will carry them): they go to
     * the user's own live streams at once, other tabs included; the same ids arrive again through Kafka and the page
     * ignores ids it has applied. The browser gets the agent's state without them.
     */
    private JsonNode pushOwn(PortalUser user, JsonNode answer) {
        if (answer instanceof ObjectNode node && node.remove("events") instanceof ArrayNode events) {
            List<Envelope> envelopes = new ArrayList<>();
            for (JsonNode event : events) {
                try {
                    envelopes.add(codec.decode(event.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (MalformedEnvelopeException e) {
                    log.warn("not pushing an event of the answer at once (Kafka still brings it): {}", e.getMessage());
                }
            }
            live.publishOwn(user, envelopes);
        }
        return answer;
    }

    /** Waiting callers of a queue, only for a member of that queue (others get 404, as if it did not exist). */
    JsonNode callers(PortalUser user, String queueExtension) {
        membership(user, agent(user), queueExtension);
        return backends.queues().get(user, "/tenants/{tenant}/queues/{queue}/callers", user.tenant(),
                queueExtension);
    }

    private static JsonNode membership(PortalUser user, JsonNode agent, String queueExtension) {
        String queueId = queueExtension + "@" + user.tenant().domain();
        for (JsonNode membership : agent.path("queues")) {
            if (queueId.equals(membership.path("queue").asString())) {
                return membership;
            }
        }
        throw new NotFound("You are not in queue " + queueExtension);
    }

    /** One of my phones: on or off for queue calls, and whether it is registered (can ring) now. */
    record Phone(String device, boolean active, boolean registered) {
    }

    /** My phones in the agent's order, with their registration as the gateway sees it now. */
    List<Phone> phones(PortalUser user) {
        return phones(user, agent(user));
    }

    private List<Phone> phones(PortalUser user, JsonNode agent) {
        Map<String, Boolean> registered = new HashMap<>();
        for (JsonNode device : backends.gateway().get(user, "/tenants/{tenant}/devices", user.tenant())) {
            if (user.login().equalsIgnoreCase(device.path("agent").asString())) {
                registered.put(localPart(device.path("device").asString()), device.path("registered").asBoolean(false));
            }
        }
        List<Phone> phones = new ArrayList<>();
        for (JsonNode device : agent.path("devices")) {
            String name = localPart(device.path("device").asString());
            phones.add(new Phone(name, device.path("active").asBoolean(false), registered.getOrDefault(name, false)));
        }
        return phones;
    }

    /**
     * Call park: I take a parked caller of one of my queues on one of my registered phones in that queue. The router
     * offers the caller to that phone only while I am available in the queue, so that is checked here first and a
     * refusal says why.
     */
    void pick(PortalUser user, String queueExtension, String call, String device) {
        JsonNode agent = agent(user);
        JsonNode membership = membership(user, agent, queueExtension);
        String deviceName = localPart(device);
        boolean inQueue = false;
        for (JsonNode member : membership.path("devices")) {
            inQueue |= deviceName.equals(localPart(member.asString()));
        }
        if (!inQueue) {
            throw new NotFound("Phone " + deviceName + " is not yours in queue "
                    + queueExtension + ".");
        }
        if (phones(user, agent).stream().noneMatch(phone -> phone.device().equals(deviceName) && phone.registered())) {
            throw new Conflict("Phone " + deviceName + " is not registered now.");
        }
        String queueId = queueExtension + "@" + user.tenant().domain();
        for (JsonNode row : backends.queues().get(user, "/tenants/{tenant}/agents/{ext}/availability", user.tenant(),
                user.extension())) {
            if (queueId.equals(row.path("queue").asString()) && !row.path("available").asBoolean(false)) {
                throw new Conflict("You are not available in queue "
                        + queueExtension + ": " + row.path("reasonText").asString("unavailable") + ".");
            }
        }
        backends.queues().post(user, Map.of("agent", user.login(), "device", fullId(deviceName, user)),
                "/tenants/{tenant}/queues/{queue}/callers/{call}/pick", user.tenant(), queueExtension, call);
    }

    JsonNode statistics(PortalUser user) {
        return backends.stats().get(user, "/tenants/{tenant}/agents/{ext}/statistics", user.tenant(),
                user.extension());
    }

    JsonNode graphs(PortalUser user) {
        return backends.stats().get(user, "/tenants/{tenant}/agents/{ext}/graphs", user.tenant(), user.extension());
    }

    JsonNode recentCalls(PortalUser user) {
        return backends.stats().get(user, "/tenants/{tenant}/agents/{ext}/recent-calls?limit=25", user.tenant(),
                user.extension());
    }

    /** Click-to-call through one of the agent's own phones; the agent must pick when there are several. */
    JsonNode callOut(PortalUser user, String to, String toName, String pickedDevice) {
        List<String> devices = new ArrayList<>();
        for (JsonNode device : agent(user).path("devices")) {
            devices.add(fullId(device.path("device").asString(), user));
        }
        String device = Optional.ofNullable(pickedDevice).filter(picked -> !picked.isBlank())
                .map(picked -> fullId(picked, user))
                .orElseGet(() -> devices.size() == 1 ? devices.get(0) : null);
        if (device == null) {
            throw new BadRequest("Pick the phone to call from.");
        }
        if (!devices.contains(device)) {
            throw new NotFound("That phone is not one of yours.");
        }
        Map<String, String> body = new HashMap<>();
        body.put("agent", user.login());
        body.put("device", device);
        body.put("to", to);
        body.put("toName", toName);
        return backends.gateway().post(user, body, "/tenants/{tenant}/calls/originate", user.tenant());
    }

    static String localPart(String id) {
        int at = id.indexOf('@');
        return at < 0 ? id : id.substring(0, at);
    }

    private static String fullId(String deviceOrName, PortalUser user) {
        return localPart(deviceOrName) + "@" + user.tenant().domain();
    }

    private static Map<String, JsonNode> byField(JsonNode list, String field) {
        Map<String, JsonNode> map = new HashMap<>();
        if (list != null) {
            for (JsonNode item : list) {
                map.put(item.path(field).asString(), item);
            }
        }
        return map;
    }
}
