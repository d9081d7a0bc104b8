package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;

/**
 * The embedded server's persistent backend: mongo-java-server's H2 backend with documents and index keys stored as
 * BSON and compared in memory ({@link StoredTypes}), non-unique indexes that are really kept ({@link
 * MvStoreSecondaryIndex}), ranges answered from indexes ({@link KeyRange}) and a page cache sized for the platform.
 * A data file written by the stock backend is converted on first open ({@link StorageFormat}).
 */
public class MvStoreBackend extends H2Backend {

    private static final String OPLOG_DATABASE = "local";

    protected MvStoreBackend(MVStore store) {
        super(store);
        dropDatabase(OPLOG_DATABASE); // earlier versions kept an oplog that nothing read and nothing trimmed
    }

    /** Opens (or creates) the store in {@code file}, keeping up to {@code cacheMegabytes} of pages in memory. */
    public static MVStore openStore(Path file, int cacheMegabytes) {
        StorageFormat.upgrade(file);
        return new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMegabytes).open();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new MvStoreDatabase(databaseName, getMvStore(), getCursorRegistry());
    }
}
