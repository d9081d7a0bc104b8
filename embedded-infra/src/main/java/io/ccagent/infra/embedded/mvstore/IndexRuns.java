package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.LinkedHashSet;
import java.util.Set;

/** Reads one {@link KeyRange} of an index map whose values are the documents' positions. */
final class IndexRuns {

    private IndexRuns() {
    }

    /** The positions in the run, each once (an array field puts a document under several keys). */
    static Set<Object> positions(MVMap<KeyValue, Object> index, KeyRange range) {
        Set<Object> positions = new LinkedHashSet<>();
        Cursor<KeyValue, Object> cursor = index.cursor(range.from());
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (!range.contains(key)) {
                break;
            }
            positions.add(cursor.getValue());
        }
        return positions;
    }
}
