package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions a query puts on each field, read through {@code $and} (which the Java driver's {@code Filters.and}
 * always produces): every one of them must hold for a match, so any one of them bounds an index look-up.
 */
final class Conjunction {

    private Conjunction() {
    }

    static Map<String, List<Object>> conditionsByField(Document query) {
        Map<String, List<Object>> conditions = new LinkedHashMap<>();
        collect(query, conditions);
        return conditions;
    }

    /** Whether the query is only conditions on fields, joined by {@code $and} ({@code $or}, {@code $expr} … are not). */
    static boolean isFieldsOnly(Document query) {
        return query.entrySet().stream().allMatch(entry -> !entry.getKey().startsWith("$")
                || entry.getKey().equals("$and") && entry.getValue() instanceof List<?> parts
                && parts.stream().allMatch(part -> part instanceof Document inner && isFieldsOnly(inner)));
    }

    private static void collect(Document query, Map<String, List<Object>> conditions) {
        query.forEach((field, condition) -> {
            if (field.equals("$and") && condition instanceof List<?> parts) {
                parts.stream()
                        .filter(Document.class::isInstance)
                        .forEach(part -> collect((Document) part, conditions));
            } else if (!field.startsWith("$")) {
                conditions.computeIfAbsent(field, f -> new ArrayList<>()).add(condition);
            }
        });
    }
}
