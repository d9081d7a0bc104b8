package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads one {@link KeyRange} of an index map whose values are the documents' positions. */
final class IndexRuns {

    private IndexRuns() {
    }

    /** The positions in the run, each once (an array field puts a document under several keys). */
    static Set<Object> positions(MVMap<KeyValue, Object> index, KeyRange range) {
        return inKeyOrder(index, range).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The positions the query can match, read lazily in the order {@code orderBy} asks for — when that order is the
     * index's own after the keys the query fixes by equality (ascending only: the maps are kept ascending).
     */
    static Optional<Stream<Object>> inOrder(MVMap<KeyValue, Object> index, List<String> keys, Document query,
                                            Document orderBy) {
        return KeyRange.of(keys, query)
                .filter(range -> servesOrder(keys, range, orderBy))
                .map(range -> inKeyOrder(index, range));
    }

    /** How many documents match a query that the index answers exactly (see {@link KeyRange#holdsExactly}). */
    static OptionalLong exactCount(MVMap<KeyValue, Object> index, List<String> keys, Document query) {
        return KeyRange.of(keys, query)
                .filter(range -> range.holdsExactly(keys, query))
                .map(range -> OptionalLong.of(range.countIn(index)))
                .orElse(OptionalLong.empty());
    }

    /** How many of {@code keys} the query fixes by equality, if the index can answer it in that order; else -1. */
    static int keysFixed(List<String> keys, Document query, Document orderBy) {
        return KeyRange.of(keys, query)
                .filter(range -> servesOrder(keys, range, orderBy))
                .map(range -> range.equal().size())
                .orElse(-1);
    }

    private static boolean servesOrder(List<String> keys, KeyRange range, Document orderBy) {
        if (orderBy == null) {
            return true;
        }
        List<String> fixed = keys.subList(0, range.equal().size());
        List<String> sorted = new ArrayList<>();
        for (var sort : orderBy.entrySet()) {
            if (!(sort.getValue() instanceof Number direction) || direction.intValue() != 1) {
                return false; // descending, $natural, text score …
            }
            if (!fixed.contains(sort.getKey())) {
                sorted.add(sort.getKey());
            }
        }
        int from = fixed.size();
        return from + sorted.size() <= keys.size() && keys.subList(from, from + sorted.size()).equals(sorted);
    }

    private static Stream<Object> inKeyOrder(MVMap<KeyValue, Object> index, KeyRange range) {
        Cursor<KeyValue, Object> cursor = index.cursor(range.from());
        Iterator<Object> positions = new Iterator<>() {
            private Object next;
            private boolean past;

            @Override
            public boolean hasNext() {
                if (next == null && !past && cursor.hasNext()) {
                    KeyValue key = cursor.next();
                    if (range.contains(key)) {
                        next = cursor.getValue();
                    } else {
                        past = true; // the run is contiguous: nothing after its end is in it
                    }
                }
                return next != null;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object position = next;
                next = null;
                return position;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false)
                .distinct();
    }
}
