package io.ccagent.harness.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds, from a body schema, one plausible valid body and the bad bodies derived from it. */
final class BadBodies {

    static final int OVERSIZED_BYTES = 3 * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A body to send; {@code contentType} defaults to JSON. */
    record Body(String name, String contentType, byte[] bytes) {

        static Body json(String name, String text) {
            return new Body(name, "application/json", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private BadBodies() {
    }

    /** A body the schema accepts, with demo-tenant values where the field name says what it is. */
    static ObjectNode valid(JsonNode schema, Map<String, String> knownValues) {
        ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode type = property.getValue();
            if (knownValues.containsKey(name)) {
                body.put(name, knownValues.get(name));
            } else if (type.has("enum")) {
                body.put(name, type.get("enum").get(0).asString());
            } else {
                switch (type.path("type").asString("string")) {
                    case "integer", "number" -> body.put(name, 1);
                    case "boolean" -> body.put(name, true);
                    case "array" -> body.putArray(name);
                    case "object" -> body.putObject(name);
                    default -> body.put(name, "harness");
                }
            }
        }
        return body;
    }

    static List<Body> bad(JsonNode schema, ObjectNode valid) {
        List<Body> bodies = new ArrayList<>();
        bodies.add(Body.json("malformed JSON", "{\"" + firstField(valid) + "\": "));
        bodies.add(Body.json("JSON array instead of object", "[]"));
        bodies.add(Body.json("JSON string instead of object", "\"harness\""));
        bodies.add(Body.json("JSON null", "null"));
        bodies.add(new Body("empty body", "application/json", new byte[0]));
        bodies.add(new Body("text/plain content type", "text/plain", valid.toString().getBytes(StandardCharsets.UTF_8)));
        if (schema.path("required").size() > 0) {
            bodies.add(Body.json("missing required fields", "{}"));
            for (JsonNode required : schema.path("required")) {
                ObjectNode missing = valid.deepCopy();
                missing.remove(required.asString());
                bodies.add(Body.json("missing field '" + required.asString() + "'", missing.toString()));
            }
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            ObjectNode wrong = valid.deepCopy();
            String name = property.getKey();
            switch (property.getValue().path("type").asString("string")) {
                case "integer", "number" -> wrong.put(name, "not-a-number");
                case "boolean" -> wrong.put(name, "maybe");
                case "array" -> wrong.put(name, 42);
                default -> wrong.putObject(name).put("nested", 1);
            }
            bodies.add(Body.json("wrong type for '" + name + "'", wrong.toString()));
            if (property.getValue().has("enum")) {
                ObjectNode unknown = valid.deepCopy();
                unknown.put(name, "NOT_A_VALUE");
                bodies.add(Body.json("unknown value for '" + name + "'", unknown.toString()));
            }
        }
        ObjectNode oversized = valid.deepCopy();
        oversized.put(firstField(valid).isEmpty() ? "padding" : firstField(valid), "a".repeat(OVERSIZED_BYTES));
        bodies.add(Body.json("oversized body (" + OVERSIZED_BYTES / 1024 / 1024 + " MiB)", oversized.toString()));
        return bodies;
    }

    private static String firstField(ObjectNode valid) {
        return valid.propertyNames().stream().findFirst().orElse("");
    }
}
