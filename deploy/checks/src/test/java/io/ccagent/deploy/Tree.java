package io.ccagent.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads nested maps and lists parsed from YAML or JSON by path, without casts at every step. */
final class Tree {

    private Tree() {
    }

    /** The value at the path of map keys, or empty if any step is missing. */
    static Optional<Object> at(Object root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            node = map.get(key);
        }
        return Optional.ofNullable(node);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String... path) {
        return (Map<String, Object>) at(root, path).filter(Map.class::isInstance).orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String... path) {
        return (List<Object>) at(root, path).filter(List.class::isInstance).orElse(List.of());
    }

    static String text(Object root, String... path) {
        return at(root, path).map(String::valueOf).orElse("");
    }
}
