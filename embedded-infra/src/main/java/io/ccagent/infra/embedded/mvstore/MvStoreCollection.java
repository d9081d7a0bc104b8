package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A collection that answers a query an index can serve in the requested order by reading that index lazily: the
 * first batch is read, the rest only when the client asks for more (the server itself would match, sort and keep
 * every document first). Axon's tracking processors ask for all events from a timestamp on, sorted, and read one
 * batch: a backlog cost the whole backlog per batch before.
 */
final class MvStoreCollection extends H2Collection {

    private static final Document EVERYTHING = new Document();

    /** The server matches one query against many documents in a row, on one thread: plan it once. */
    private final ThreadLocal<MatchPlan> lastPlan = new ThreadLocal<>();

    MvStoreCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                      MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, data, meta, cursorRegistry);
    }

    /**
     * The server applies an update to the very document it matched, replacing its top-level fields one by one, then
     * stores it again. The stored object is the one MVStore's background writer may be serializing at that moment (it
     * threw ConcurrentModificationException and closed the store under load), so an update works on copies. A shallow
     * copy is enough: the server builds every new value on its own deep copy and only puts them into the matched one.
     */
    private boolean updating;

    @Override
    public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return onCopies(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return onCopies(() -> super.findAndModify(query));
    }

    private Document onCopies(Supplier<Document> update) {
        updating = true;
        try {
            return update.get();
        } finally {
            updating = false;
        }
    }

    /**
     * collStats' {@code size} is not kept up to date: the server measured it by encoding the document before and after
     * every update (14 % of the store's update time in a stats ingest), and nothing on the platform asks for it.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        QueryResult found = findDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        if (!updating) {
            return found;
        }
        List<Document> copies = new ArrayList<>();
        found.forEach(document -> copies.add(new Document(document)));
        return new QueryResult(copies, found.getCursorId());
    }

    private QueryResult findDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                      Document fieldSelector) {
        Optional<Stream<Object>> positions = positionsInOrder(query, orderBy);
        if (positions.isEmpty()) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        Iterator<Document> matches = matching(positions.get(), query, numberToSkip, limit).iterator();
        List<Document> firstBatch = take(matches, batchSize > 0 ? batchSize : Integer.MAX_VALUE, fieldSelector);
        if (!matches.hasNext()) {
            return new QueryResult(firstBatch);
        }
        LazyCursor rest = new LazyCursor(cursorRegistry.generateCursorId(), matches, fieldSelector);
        cursorRegistry.add(rest);
        return new QueryResult(firstBatch, rest);
    }

    /**
     * Counted from an index: from its entries alone when they hold exactly the matches, else from the documents of its
     * run without projecting each (the server would build an {@code _id}-only copy of every match). The driver's
     * {@code countDocuments} arrives here too: {@link MvStoreDatabase} turns it into this count.
     */
    @Override
    public int count(Document query, int skip, int limit) {
        if (query == null || query.isEmpty()) {
            return super.count(query, skip, limit);
        }
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex ordered) {
                OptionalLong exact = ordered.exactCount(query);
                if (exact.isPresent()) {
                    long counted = Math.max(0, exact.getAsLong() - skip);
                    return (int) (limit > 0 ? Math.min(limit, counted) : counted);
                }
            }
        }
        Optional<Stream<Object>> positions = positionsInOrder(query, null);
        return positions.isEmpty()
                ? super.count(query, skip, limit)
                : (int) matching(positions.get(), query, skip, limit).count();
    }

    private Stream<Document> matching(Stream<Object> positions, Document query, int skip, int limit) {
        return positions
                .map(this::getDocument)
                .filter(Objects::nonNull) // removed since the index was read
                .filter(document -> documentMatchesQuery(document, query))
                .skip(skip)
                .limit(limit > 0 ? limit : Long.MAX_VALUE);
    }

    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        MatchPlan plan = lastPlan.get();
        if (plan == null || !plan.isFor(query)) {
            plan = MatchPlan.of(query);
            lastPlan.set(plan);
        }
        return plan.matches(document, super::documentMatchesQuery);
    }

    /** From the index that fixes the most of its keys by equality (the fewest documents read), if any serves. */
    private Optional<Stream<Object>> positionsInOrder(Document query, Document orderBy) {
        OrderedIndex best = null;
        int bestFixed = -1;
        for (Index<Object> index : getIndexes()) {
            if (index instanceof OrderedIndex ordered) {
                int fixed = ordered.keysFixed(query, orderBy);
                if (fixed > bestFixed) {
                    best = ordered;
                    bestFixed = fixed;
                }
            }
        }
        return best == null ? Optional.empty() : best.positionsInOrder(query, orderBy);
    }

    private List<Document> take(Iterator<Document> matches, int count, Document fieldSelector) {
        List<Document> taken = new ArrayList<>();
        while (taken.size() < count && matches.hasNext()) {
            taken.add(matches.next());
        }
        // the server's own projection, applied through its stream matcher with a query that matches everything
        return fieldSelector == null || fieldSelector.isEmpty()
                ? taken
                : matchDocumentsFromStream(EVERYTHING, taken.stream(), 0, 0, 0, null, fieldSelector).collectDocuments();
    }

    private final class LazyCursor extends AbstractCursor {

        private final Iterator<Document> matches;
        private final Document fieldSelector;

        LazyCursor(long id, Iterator<Document> matches, Document fieldSelector) {
            super(id);
            this.matches = matches;
            this.fieldSelector = fieldSelector;
        }

        @Override
        public synchronized boolean isEmpty() {
            return !matches.hasNext();
        }

        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            return take(matches, numberToReturn > 0 ? numberToReturn : Integer.MAX_VALUE, fieldSelector);
        }
    }
}
