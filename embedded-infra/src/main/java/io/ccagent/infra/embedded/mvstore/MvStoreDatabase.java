package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * One database of the embedded server in an H2 MVStore: the layout of mongo-java-server's H2 backend (one map per
 * collection, one per index, same names), with typed maps ({@link StoredTypes}) and secondary indexes.
 */
final class MvStoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    static final String INDEX_INFIX = "._index_";

    private final MVStore store;

    MvStoreDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().keyType(StoredTypes.VALUES).valueType(StoredTypes.DOCUMENTS);
    }

    static MVMap.Builder<KeyValue, Object> indexEntries() {
        return new MVMap.Builder<KeyValue, Object>().keyType(StoredTypes.INDEX_KEYS).valueType(StoredTypes.VALUES);
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
                                  Oplog oplog) {
        return CountPipeline.of(command, query)
                .map(this::count)
                .orElseGet(() -> super.handleCommand(channel, command, query, resolver, oplog));
    }

    private Document count(CountPipeline pipeline) {
        MongoCollection<Object> collection = resolveCollection(pipeline.collection(), false);
        int n = collection == null ? 0 : collection.count(pipeline.match(), pipeline.skip(), pipeline.limit());
        return CountPipeline.answer(getFullCollectionNamespace(pipeline.collection()), n);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = store.openMap(DATA_PREFIX + namespace, documents());
        MVMap<String, Object> meta = store.openMap(META_PREFIX + namespace);
        return new MvStoreCollection(this, collectionName, options, data, meta, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        return new MvStoreUniqueIndex(indexMap(collectionName, indexName), indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        return new MvStoreSecondaryIndex(indexMap(collectionName, indexName), indexName, keys, sparse);
    }

    private MVMap<KeyValue, Object> indexMap(String collectionName, String indexName) {
        return store.openMap(getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName, indexEntries());
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(getFullCollectionNamespace(collection.getCollectionName()) + INDEX_INFIX + indexName);
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        store.removeMap(DATA_PREFIX + namespace);
        store.removeMap(META_PREFIX + namespace);
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        store.getMapNames().stream()
                .filter(name -> name.startsWith(databaseName + ".")
                        || name.startsWith(DATA_PREFIX + databaseName + ".")
                        || name.startsWith(META_PREFIX + databaseName + "."))
                .toList()
                .forEach(store::removeMap);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        store.renameMap(store.openMap(DATA_PREFIX + collection.getFullName(), documents()), DATA_PREFIX + newNamespace);
        store.renameMap(store.openMap(META_PREFIX + collection.getFullName()), META_PREFIX + newNamespace);
    }

    @Override
    protected long getStorageSize() {
        return store.getFileStore() == null ? 0 : store.getFileStore().size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
