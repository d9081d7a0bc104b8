package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * The order of keys in the store's maps: MongoDB's order of values (numbers before strings before documents …), so
 * that a range of an index is a contiguous run of its map. Unlike the server's sort comparator it is total: a long
 * and a double that only look equal when rounded (2^53 + 1 and 2^53) are told apart, as a map needs.
 */
final class KeyOrder {

    static final Comparator<Object> VALUES = KeyOrder::compareValues;

    /** Element by element; a key that is a prefix of another sorts first, so a prefix is a range's lower bound. */
    static final Comparator<KeyValue> KEYS = KeyOrder::compareKeys;

    private KeyOrder() {
    }

    private static int compareValues(Object a, Object b) {
        int order = ValueComparator.ascWithoutListHandling().compare(a, b);
        if (order == 0 && a instanceof Number x && b instanceof Number y && x.getClass() != y.getClass()) {
            return compareExactly(x, y);
        }
        return order;
    }

    private static int compareExactly(Number x, Number y) {
        try {
            return exact(x).compareTo(exact(y));
        } catch (NumberFormatException notFinite) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
    }

    private static int compareKeys(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static BigDecimal exact(Number number) {
        return number instanceof Double || number instanceof Float
                ? new BigDecimal(number.doubleValue())
                : new BigDecimal(number.toString());
    }
}
