package io.ccagent.harness.http;

import io.ccagent.harness.system.HarnessSystem;
import io.ccagent.harness.system.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tenant's state looks like from the owning services' query APIs: agents, queues, availability, devices.
 * Taken before and after each endpoint's bad inputs; a refused request must leave it equal.
 */
final class StateSnapshot {

    /** Fields that change with the clock alone, not with a request. */
    private static final Set<String> CLOCK_FIELDS = Set.of("waitingSeconds", "longestCurrentWaitSeconds", "expires");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Http> sources = new LinkedHashMap<>();

    StateSnapshot(HarnessSystem system, String tenant) {
        sources.put("agent-service /tenants/" + tenant + "/agents", system.service("agent-service"));
        sources.put("queue-service /tenants/" + tenant + "/queues", system.service("queue-service"));
        sources.put("queue-service /tenants/" + tenant + "/availability", system.service("queue-service"));
        sources.put("telephony-gateway /tenants/" + tenant + "/devices", system.service("telephony-gateway"));
    }

    Map<String, JsonNode> take() {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        sources.forEach((name, http) -> {
            Http.Answer answer = http.get(name.substring(name.indexOf(' ') + 1));
            JsonNode body;
            try {
                body = answer.is2xx() ? JSON.readTree(answer.body()) : JSON.getNodeFactory().textNode("HTTP " + answer.status());
            } catch (RuntimeException e) {
                body = JSON.getNodeFactory().textNode("unreadable: " + e.getMessage());
            }
            state.put(name, withoutClockFields(body));
        });
        return state;
    }

    /** The sources whose content differs, with a short hint of how. */
    static List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((name, value) -> {
            JsonNode now = after.get(name);
            if (!value.equals(now)) {
                String was = value.toString();
                String is = String.valueOf(now);
                int at = 0;
                while (at < Math.min(was.length(), is.length()) && was.charAt(at) == is.charAt(at)) {
                    at++;
                }
                int from = Math.max(0, at - 40);
                changed.add(name + " (was ..." + was.substring(from, Math.min(was.length(), at + 60))
                        + "... now ..." + is.substring(from, Math.min(is.length(), at + 60)) + "...)");
            }
        });
        return changed;
    }

    private static JsonNode withoutClockFields(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            CLOCK_FIELDS.forEach(copy::remove);
            for (String name : List.copyOf(copy.propertyNames())) {
                copy.set(name, withoutClockFields(copy.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutClockFields(element)));
            return copy;
        }
        return node;
    }
}
