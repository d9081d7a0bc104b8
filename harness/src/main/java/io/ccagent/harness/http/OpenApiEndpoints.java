package io.ccagent.harness.http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the operations of an OpenAPI 3 document, with each request body's schema resolved from components. */
final class OpenApiEndpoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiEndpoints() {
    }

    static List<Endpoint> parse(String service, String document) {
        JsonNode root = JSON.readTree(document);
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode schema = operation.getValue().path("requestBody").path("content").path("application/json")
                        .path("schema");
                JsonNode resolved = schema.isMissingNode() ? null : resolve(root, schema);
                boolean supervisor = path.getKey().startsWith("/api/tenants/")
                        || operation.getValue().path("tags").toString().toLowerCase(Locale.ROOT).contains("supervisor");
                endpoints.add(new Endpoint(service, method, path.getKey(), resolved, supervisor));
            }
        }
        return endpoints;
    }

    static JsonNode resolve(JsonNode root, JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().replaceFirst("^#/components/schemas/", "");
            return resolve(root, root.path("components").path("schemas").path(name));
        }
        return schema;
    }
}
