package io.ccagent.queue.routing;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.ids.QueueId;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The agent, queue and device ids of a snapshot, each written and read once per snapshot. A 5,000-agent tenant's
 * snapshot names its ids about ten times each (members, memberships, logins, what was published), and building
 * their strings was 41 % of the snapshot thread; parsing and validating them again, much of a takeover's restore.
 * The same JSON as the ids' own {@code toString} / {@code parse}.
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
        module.addSerializer(type, new ValueSerializer<T>() {
            @Override
            @SuppressWarnings("unchecked")
            public void serialize(T id, JsonGenerator json, SerializationContext context) {
                Map<T, String> written = (Map<T, String>) perCall(context, type);
                json.writeString(written.computeIfAbsent(id, Object::toString));
            }
        });
        module.addDeserializer(type, new ValueDeserializer<T>() {
            @Override
            @SuppressWarnings("unchecked")
            public T deserialize(JsonParser json, DeserializationContext context) {
                Map<String, T> parsed = (Map<String, T>) perCall(context, type);
                return parsed.computeIfAbsent(json.getString(), parse);
            }
        });
    }

    /** A map that lives as long as one snapshot's write or read (a per-call attribute of Jackson's context). */
    private static Map<?, ?> perCall(DatabindContext context, Class<?> type) {
        Map<?, ?> memo = (Map<?, ?>) context.getAttribute(type);
        if (memo == null) {
            memo = new HashMap<>();
            context.setAttribute(type, memo);
        }
        return memo;
    }
}
