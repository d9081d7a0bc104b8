package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A unique index kept in an ordered map from key to position. Besides the server's equality and {@code $in}
 * look-ups it answers a range on a leading part of its keys ({@link KeyRange}), e.g. Axon's read of an aggregate's
 * events from sequence n on, which the server's own H2 index left to a scan of the whole collection.
 */
final class MvStoreUniqueIndex extends AbstractUniqueIndex<Object> implements OrderedIndex {

    private final MVMap<KeyValue, Object> map;

    MvStoreUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return super.canHandle(query) || KeyRange.of(keys(), query).isPresent();
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (super.canHandle(query)) {
            return super.getPositions(query);
        }
        return IndexRuns.positions(map, KeyRange.of(keys(), query).orElseThrow());
    }

    @Override
    /**
     * An exact look-up of unique keys is the server's own, read through here (unsorted) so that the documents found
     * are sent as stored: the server deep-copies every document it returns, and a look-up by {@code _id} is what the
     * services do most.
     */
    public synchronized Optional<Stream<Object>> positionsInOrder(Document query, Document orderBy) {
        if (super.canHandle(query)) {
            return orderBy == null || orderBy.isEmpty()
                    ? Optional.of(StreamSupport.stream(super.getPositions(query).spliterator(), false))
                    : Optional.empty();
        }
        return IndexRuns.inOrder(map, keys(), query, orderBy);
    }

    @Override
    public synchronized OptionalLong exactCount(Document query) {
        return super.canHandle(query) ? OptionalLong.empty() : IndexRuns.exactCount(map, keys(), query);
    }

    /** An exact look-up of a unique key beats every run. */
    @Override
    public synchronized int keysFixed(Document query, Document orderBy) {
        return super.canHandle(query) ? Integer.MAX_VALUE : IndexRuns.keysFixed(keys(), query, orderBy);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
