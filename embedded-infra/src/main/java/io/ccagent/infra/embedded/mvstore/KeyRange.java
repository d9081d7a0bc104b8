package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The run of an index's ordered map that can hold a query's matches: equality on the leading keys, then at most one
 * range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}) on the next key — what Axon's event store asks
 * ({@code aggregateIdentifier = a, sequenceNumber >= n}; {@code timestamp >= t}) and what the embedded server's own
 * indexes could not answer. The run may hold more than the matches (bounds are inclusive; other conditions are not
 * looked at): the server still matches every document it reads against the whole query.
 */
record KeyRange(List<Object> equal, Object lower, Object upper) {

    /** Values as the index stores them (numbers as doubles where exact, …), once, not on every key compared. */
    KeyRange {
        equal = equal.stream().map(KeyRange::normalized).toList();
        lower = lower == null ? null : normalized(lower);
        upper = upper == null ? null : normalized(upper);
    }

    private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

    /** The range for {@code query} over an index on {@code keys}, if the query constrains the index's first key. */
    static Optional<KeyRange> of(List<String> keys, Document query) {
        Map<String, List<Object>> conditions = Conjunction.conditionsByField(query);
        List<Object> equal = new ArrayList<>();
        for (String key : keys) {
            List<Object> onKey = conditions.getOrDefault(key, List.of());
            Optional<Object> equality = onKey.stream().filter(KeyRange::isPlainValue).findFirst();
            if (equality.isPresent()) {
                equal.add(equality.get());
                continue;
            }
            Optional<KeyRange> range = onKey.stream()
                    .filter(KeyRange::isRange)
                    .findFirst()
                    .map(condition -> withRange(equal, (Document) condition));
            return range.or(() -> equal.isEmpty() ? Optional.empty() : Optional.of(new KeyRange(equal, null, null)));
        }
        return Optional.of(new KeyRange(equal, null, null));
    }

    /**
     * Whether the run holds exactly the query's matches: every condition of the query is one of the run's equalities
     * (no range, no other field, no operator), so the run can be counted without reading a document.
     */
    boolean holdsExactly(List<String> keys, Document query) {
        if (lower != null || upper != null || !Conjunction.isFieldsOnly(query)) {
            return false;
        }
        Map<String, List<Object>> conditions = Conjunction.conditionsByField(query);
        List<String> fixed = keys.subList(0, equal.size());
        return fixed.containsAll(conditions.keySet())
                && conditions.values().stream().allMatch(onKey -> onKey.size() == 1);
    }

    /** The first key of the run: the equal prefix followed by the lower bound; null for the map's first key. */
    KeyValue from() {
        List<Object> from = new ArrayList<>(equal);
        if (lower != null) {
            from.add(lower);
        }
        return from.isEmpty() ? null : new KeyValue(from).normalized();
    }

    /** Whether an index key (whose first values are the indexed fields) is still inside the run. */
    boolean contains(KeyValue key) {
        for (int i = 0; i < equal.size(); i++) {
            if (KeyOrder.VALUES.compare(key.get(i), equal.get(i)) != 0) {
                return false;
            }
        }
        return upper == null || KeyOrder.VALUES.compare(key.get(equal.size()), upper) <= 0;
    }

    /**
     * How many entries a run of equalities holds, from the map's counted pages (a logarithmic look-up, not a walk):
     * its entries lie between its prefix and the prefix followed by MaxKey, the greatest value there is.
     */
    long countIn(MVMap<KeyValue, Object> index) {
        List<Object> past = new ArrayList<>(equal);
        past.add(MaxKey.getInstance());
        return rank(index, new KeyValue(past)) - rank(index, from());
    }

    /** How many keys of the map sort before this one (which no stored key equals: both are shorter than every key). */
    private static long rank(MVMap<KeyValue, Object> index, KeyValue key) {
        long at = index.getKeyIndex(key);
        return at >= 0 ? at : -(at + 1);
    }

    /** As the index stores it (numbers as doubles where exact, …). */
    private static Object normalized(Object value) {
        return new KeyValue(value).normalized().get(0);
    }

    /**
     * One bound only: on an array field, {@code {$gt: 5, $lt: 3}} matches {@code [1, 10]} through two different
     * elements, which no single run of the index's per-element keys holds; every match has an element above the lower
     * bound, though.
     */
    private static KeyRange withRange(List<Object> equal, Document condition) {
        Object lower = firstOf(condition, "$gte", "$gt");
        return lower != null
                ? new KeyRange(equal, lower, null)
                : new KeyRange(equal, null, firstOf(condition, "$lte", "$lt"));
    }

    private static Object firstOf(Document condition, String inclusive, String exclusive) {
        return condition.containsKey(inclusive) ? condition.get(inclusive) : condition.get(exclusive);
    }

    /** A value compared for equality by the index's order: not null, not an array, sub-document, operator or regex. */
    private static boolean isPlainValue(Object value) {
        return value != null
                && !(value instanceof Map)
                && !(value instanceof Collection)
                && !(value instanceof BsonRegularExpression);
    }

    private static boolean isRange(Object condition) {
        return condition instanceof Document operators
                && !operators.isEmpty()
                && RANGE_OPERATORS.containsAll(operators.keySet())
                && operators.values().stream().allMatch(KeyRange::isPlainValue);
    }
}
