package io.ccagent.infra.embedded.mvstore;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The layout version of a data file. Files written by mongo-java-server's stock H2 backend (Java-serialized
 * documents and keys) are converted map by map on first open, each map in one commit together with the note that
 * it is done, so an interrupted conversion resumes where it stopped and never reads a map in the wrong layout.
 */
final class StorageFormat {

    private static final Logger log = LoggerFactory.getLogger(StorageFormat.class);

    private static final String FORMAT_MAP = "ccagent.storage-format";
    private static final String FORMAT_KEY = "format";
    private static final String CURRENT = "bson-1";
    private static final String CONVERTED_PREFIX = "converted:";
    private static final String CONVERSION_SUFFIX = ".converting";

    private StorageFormat() {
    }

    static void upgrade(Path file) {
        if (!Files.exists(file)) {
            try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
                formatOf(store).put(FORMAT_KEY, CURRENT);
                store.commit();
            }
            return;
        }
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<String, String> format = formatOf(store);
            if (CURRENT.equals(format.get(FORMAT_KEY))) {
                return;
            }
            List<String> maps = store.getMapNames().stream().filter(StorageFormat::isConvertible).toList();
            log.info("Converting {} maps of {} to the {} layout", maps.size(), file, CURRENT);
            for (String name : maps) {
                if (!format.containsKey(CONVERTED_PREFIX + name)) {
                    convert(store, name);
                    format.put(CONVERTED_PREFIX + name, CURRENT);
                    store.commit();
                }
            }
            format.clear();
            format.put(FORMAT_KEY, CURRENT);
            store.commit();
        }
    }

    private static boolean isConvertible(String map) {
        return !map.endsWith(CONVERSION_SUFFIX)
                && (map.startsWith(MvStoreDatabase.DATA_PREFIX) || map.contains(MvStoreDatabase.INDEX_INFIX));
    }

    private static void convert(MVStore store, String name) {
        String temporary = name + CONVERSION_SUFFIX;
        store.removeMap(temporary); // left by a conversion interrupted before its commit
        MVMap<Object, Object> old = store.openMap(name);
        MVMap<?, ?> converted = name.startsWith(MvStoreDatabase.DATA_PREFIX)
                ? copy(old, store.openMap(temporary, MvStoreDatabase.documents()))
                : copy(old, store.openMap(temporary, MvStoreDatabase.indexEntries()));
        store.removeMap(old);
        store.renameMap(converted, name);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> MVMap<K, V> copy(MVMap<Object, Object> from, MVMap<K, V> to) {
        for (Map.Entry<Object, Object> entry : from.entrySet()) {
            to.put((K) entry.getKey(), (V) entry.getValue());
        }
        return to;
    }

    private static MVMap<String, String> formatOf(MVStore store) {
        return store.openMap(FORMAT_MAP);
    }
}
