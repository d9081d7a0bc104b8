package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent, queue and device ids of a snapshot, each parsed once per snapshot read. A 5,000-agent tenant's snapshot
 * names its ids about ten times each (members, memberships, logins, what was published); parsing and validating every
 * one of them made a takeover's decode of it take 101 ms instead of 61 ms (p50, {@code harness/bench.sh decision},
 * {@code snapshotRead}). Writing is left to the ids' own {@code toString}: a look-up per id cost as much as the string.
 */
final class SnapshotIds {

    private SnapshotIds() {
    }

    static JacksonModule module() {
        SimpleModule module = new SimpleModule("router-snapshot-ids");
        once(module, AgentId.class, AgentId::parse);
        once(module, QueueId.class, QueueId::parse);
        once(module, DeviceId.class, DeviceId::parse);
        return module;
    }

    private static <T> void once(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            @SuppressWarnings("unchecked")
            public T deserialize(JsonParser json, DeserializationContext context) {
                Map<String, T> parsed = (Map<String, T>) context.getAttribute(type);
                if (parsed == null) {
                    parsed = new HashMap<>();
                    context.setAttribute(type, parsed);
                }
                return parsed.computeIfAbsent(json.getString(), parse);
            }
        });
    }
}
