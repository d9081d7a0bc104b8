package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A non-unique index (the embedded server ignores them: every query on, say, {@code tenant} or {@code timestamp} read
 * the whole collection). Each document is kept under its key values followed by its position, so equal keys stay
 * apart and sorted; look-ups are {@link KeyRange}s. Only for collections whose documents are placed by {@code _id}.
 */
final class MvStoreSecondaryIndex extends Index<Object> implements OrderedIndex {

    private static final String ID_FIELD = "_id";

    private final MVMap<KeyValue, Object> map;

    MvStoreSecondaryIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public Object getPosition(Document document) {
        return null; // says nothing about uniqueness: the primary key index places documents
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // never refuses a document
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        Object stored = Missing.ofNullable(position);
        getKeyValues(document).stream()
                .filter(key -> !isSparse() || key.stream().anyMatch(Objects::nonNull))
                .forEach(key -> map.put(withPosition(key, stored), stored));
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = positionOf(document);
        getKeyValues(document).forEach(key -> map.remove(withPosition(key, position)));
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return KeyRange.of(keys(), query).isPresent();
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return IndexRuns.positions(map, KeyRange.of(keys(), query).orElseThrow());
    }

    @Override
    public Optional<Stream<Object>> positionsInOrder(Document query, Document orderBy) {
        return IndexRuns.inOrder(map, keys(), query, orderBy);
    }

    @Override
    public OptionalLong exactCount(Document query) {
        return IndexRuns.exactCount(map, keys(), query);
    }

    @Override
    public int keysFixed(Document query, Document orderBy) {
        return IndexRuns.keysFixed(keys(), query, orderBy);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // never refuses a document
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            getKeyValues(oldDocument).forEach(key -> map.remove(withPosition(key, Missing.ofNullable(position))));
            add(newDocument, position, collection);
        }
    }

    @Override
    public void drop() {
        // the database removes the map
    }

    private static Object positionOf(Document document) {
        return Missing.ofNullable(document.get(ID_FIELD));
    }

    private static KeyValue withPosition(KeyValue key, Object position) {
        List<Object> values = new ArrayList<>(key.size() + 1);
        key.forEach(values::add);
        values.add(position);
        return new KeyValue(values);
    }
}
