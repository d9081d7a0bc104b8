package io.ccagent.deploy;

import static io.ccagent.deploy.Tree.list;
import static io.ccagent.deploy.Tree.map;
import static io.ccagent.deploy.Tree.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CustomResourceDefinitions of the operators the platform runs on, as each operator released them
 * (vendored under src/test/resources/crds/OPERATOR-VERSION, see the README there), and a check of a document
 * against them the way the API server does it with strict field validation (kubectl's default): the version
 * must be served, every field must be declared (unless the schema preserves unknown fields), and types, enums,
 * patterns, bounds and required fields must hold. CEL rules (x-kubernetes-validations) are not evaluated.
 * <p>
 * Hand-written because the API server's structural-schema rules (unknown-field rejection, int-or-string,
 * preserved unknown fields, embedded resources) are not JSON Schema's: a JSON Schema library would accept unknown
 * fields everywhere.
 */
final class CustomResourceSchemas {

    private static final Path DIRECTORY = RepositoryFiles.file("deploy/checks/src/test/resources/crds");

    private final Map<String, Map<String, Object>> definitionsByGroupAndKind = new HashMap<>();
    private final Map<String, String> releaseByGroupAndKind = new HashMap<>();

    private static final class Holder {
        static final CustomResourceSchemas VENDORED = load();
    }

    static CustomResourceSchemas vendored() {
        return Holder.VENDORED;
    }

    private static CustomResourceSchemas load() {
        CustomResourceSchemas schemas = new CustomResourceSchemas();
        try (Stream<Path> files = Files.walk(DIRECTORY)) {
            files.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(file -> {
                String release = DIRECTORY.relativize(file).getName(0).toString();
                RepositoryFiles.yamlDocuments(RepositoryFiles.read(file)).stream()
                        .filter(document -> "CustomResourceDefinition".equals(text(document, "kind")))
                        .forEach(definition -> {
                            String key = text(definition, "spec", "group") + "/" + text(definition, "spec", "names", "kind");
                            schemas.definitionsByGroupAndKind.put(key, definition);
                            schemas.releaseByGroupAndKind.put(key, release);
                        });
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    /** The operator release (the vendored directory's name) that defines the kind of this API group, if any. */
    Optional<String> release(String group, String kind) {
        return Optional.ofNullable(releaseByGroupAndKind.get(group + "/" + kind));
    }

    /** What is wrong with the document against its CRD: empty when it would be accepted. */
    List<String> violations(Map<String, Object> document) {
        String apiVersion = text(document, "apiVersion");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String kind = text(document, "kind");
        Map<String, Object> definition = definitionsByGroupAndKind.get(group + "/" + kind);
        if (definition == null) {
            return List.of("no vendored CRD defines " + group + "/" + kind);
        }
        List<Object> versions = list(definition, "spec", "versions");
        Optional<Object> served = versions.stream()
                .filter(candidate -> version.equals(text(candidate, "name")) && "true".equals(text(candidate, "served")))
                .findFirst();
        if (served.isEmpty()) {
            return List.of("version " + version + " not served by the CRD of " + release(group, kind).orElseThrow()
                    + " (served: " + versions.stream().filter(v -> "true".equals(text(v, "served")))
                    .map(v -> text(v, "name")).toList() + ")");
        }
        List<String> violations = new ArrayList<>();
        Map<String, Object> schema = map(served.get(), "schema", "openAPIV3Schema");
        Map<String, Object> withoutMetadata = new HashMap<>(document);
        // metadata is checked by the API server's own ObjectMeta rules, not by the CRD
        withoutMetadata.remove("metadata");
        Map<String, Object> rootSchema = new HashMap<>(schema);
        Map<String, Object> rootProperties = new HashMap<>(map(schema, "properties"));
        rootProperties.remove("metadata");
        rootSchema.put("properties", rootProperties);
        check(withoutMetadata, rootSchema, "", true, violations);
        return violations;
    }

    private static void check(Object node, Map<String, Object> schema, String path, boolean strict, List<String> violations) {
        String at = path.isEmpty() ? "." : path;
        if (node == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                violations.add(at + ": null is not allowed");
            }
            return;
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(node instanceof Integer || node instanceof Long || node instanceof String)) {
                violations.add(at + ": must be an integer or a string, is " + node);
            }
            return;
        }
        String type = text(schema, "type");
        if (!type.isEmpty() && !hasType(node, type)) {
            violations.add(at + ": must be of type " + type + ", is " + node.getClass().getSimpleName() + " " + node);
            return;
        }
        if (schema.containsKey("enum") && list(schema, "enum").stream().noneMatch(option -> String.valueOf(option).equals(String.valueOf(node)))) {
            violations.add(at + ": " + node + " is not one of " + schema.get("enum"));
        }
        if (node instanceof Map<?, ?> object) {
            checkObject(object, schema, path, strict, violations);
        } else if (node instanceof List<?> array) {
            checkArray(array, schema, path, strict, violations);
        } else if (node instanceof String string) {
            checkString(string, schema, at, violations);
        } else if (node instanceof Number number) {
            checkNumber(number, schema, at, violations);
        }
        checkAlternatives(node, schema, path, violations);
    }

    private static boolean hasType(Object node, String type) {
        return switch (type) {
            case "object" -> node instanceof Map;
            case "array" -> node instanceof List;
            case "string" -> node instanceof String;
            case "integer" -> node instanceof Integer || node instanceof Long || node instanceof java.math.BigInteger;
            case "number" -> node instanceof Number;
            case "boolean" -> node instanceof Boolean;
            default -> true;
        };
    }

    private static void checkObject(Map<?, ?> object, Map<String, Object> schema, String path, boolean strict, List<String> violations) {
        Map<String, Object> properties = map(schema, "properties");
        Object additional = schema.get("additionalProperties");
        boolean keepsUnknown = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
                || Boolean.TRUE.equals(additional)
                || Boolean.TRUE.equals(schema.get("x-kubernetes-embedded-resource"))
                        && Stream.of("apiVersion", "kind", "metadata").anyMatch(object::containsKey);
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String child = path + "." + key;
            if (properties.containsKey(key)) {
                check(entry.getValue(), map(properties, key), child, strict, violations);
            } else if (additional instanceof Map<?, ?>) {
                check(entry.getValue(), map(schema, "additionalProperties"), child, strict, violations);
            } else if (strict && !keepsUnknown) {
                violations.add(child + ": unknown field");
            }
        }
        for (Object required : list(schema, "required")) {
            if (!object.containsKey(String.valueOf(required))) {
                violations.add((path.isEmpty() ? "." : path) + ": required field " + required + " is missing");
            }
        }
        bound(object.size(), schema, "minProperties", "maxProperties", path + ": number of fields", violations);
    }

    private static void checkArray(List<?> array, Map<String, Object> schema, String path, boolean strict, List<String> violations) {
        Map<String, Object> items = map(schema, "items");
        for (int index = 0; index < array.size(); index++) {
            if (!items.isEmpty()) {
                check(array.get(index), items, path + "[" + index + "]", strict, violations);
            }
        }
        bound(array.size(), schema, "minItems", "maxItems", path + ": number of items", violations);
    }

    private static void checkString(String string, Map<String, Object> schema, String at, List<String> violations) {
        bound(string.length(), schema, "minLength", "maxLength", at + ": length of \"" + string + "\"", violations);
        String pattern = text(schema, "pattern");
        if (!pattern.isEmpty() && !Pattern.compile(pattern).matcher(string).find()) {
            violations.add(at + ": \"" + string + "\" does not match " + pattern);
        }
    }

    private static void checkNumber(Number number, Map<String, Object> schema, String at, List<String> violations) {
        if (schema.containsKey("minimum") && number.doubleValue() < ((Number) schema.get("minimum")).doubleValue()) {
            violations.add(at + ": " + number + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.containsKey("maximum") && number.doubleValue() > ((Number) schema.get("maximum")).doubleValue()) {
            violations.add(at + ": " + number + " is above the maximum " + schema.get("maximum"));
        }
    }

    /** oneOf/anyOf/allOf/not in a structural schema only add checks; they never declare fields of their own. */
    private static void checkAlternatives(Object node, Map<String, Object> schema, String path, List<String> violations) {
        String at = path.isEmpty() ? "." : path;
        for (Object branch : list(schema, "allOf")) {
            check(node, map(branch), path, false, violations);
        }
        if (schema.containsKey("anyOf") && matching(node, list(schema, "anyOf"), path) == 0) {
            violations.add(at + ": matches none of anyOf " + schema.get("anyOf"));
        }
        if (schema.containsKey("oneOf") && matching(node, list(schema, "oneOf"), path) != 1) {
            violations.add(at + ": does not match exactly one of oneOf " + schema.get("oneOf"));
        }
        if (schema.containsKey("not") && matching(node, List.of(schema.get("not")), path) == 1) {
            violations.add(at + ": matches not " + schema.get("not"));
        }
    }

    private static long matching(Object node, List<Object> branches, String path) {
        return branches.stream().filter(branch -> {
            List<String> branchViolations = new ArrayList<>();
            check(node, map(branch), path, false, branchViolations);
            return branchViolations.isEmpty();
        }).count();
    }

    private static void bound(int size, Map<String, Object> schema, String minimum, String maximum, String what, List<String> violations) {
        if (schema.containsKey(minimum) && size < ((Number) schema.get(minimum)).intValue()) {
            violations.add(what + " is below " + minimum + " " + schema.get(minimum));
        }
        if (schema.containsKey(maximum) && size > ((Number) schema.get(maximum)).intValue()) {
            violations.add(what + " is above " + maximum + " " + schema.get(maximum));
        }
    }
}
