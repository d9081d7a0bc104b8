package io.ccagent.harness.http;

import tools.jackson.databind.JsonNode;

/**
 * One HTTP operation to attack: method, path template ({@code {tenant}} etc.), the JSON schema of its body (null when
 * it takes none) and whether only supervisors may call it.
 */
record Endpoint(String service, String method, String path, JsonNode bodySchema, boolean supervisorOnly) {

    boolean takesBody() {
        return bodySchema != null;
    }

    boolean changesState() {
        return !method.equals("GET");
    }

    @Override
    public String toString() {
        return service + " " + method + " " + path;
    }
}
