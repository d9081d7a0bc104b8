package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The H2 data types of the store's maps: documents, ids (positions) and index keys, all laid out by {@link StoredValues}. */
final class StoredTypes {

    static final BasicDataType<Document> DOCUMENTS = new BasicDataType<>() {
        @Override
        public int getMemory(Document document) {
            return MemoryEstimate.of(document);
        }

        @Override
        public void write(WriteBuffer out, Document document) {
            StoredValues.writeDocument(out, document);
        }

        @Override
        public Document read(ByteBuffer in) {
            return StoredValues.readDocument(in);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    };

    static final BasicDataType<Object> VALUES = new BasicDataType<>() {
        @Override
        public int getMemory(Object value) {
            return MemoryEstimate.of(value);
        }

        @Override
        public void write(WriteBuffer out, Object value) {
            StoredValues.writeValue(out, value);
        }

        @Override
        public Object read(ByteBuffer in) {
            return StoredValues.readValue(in);
        }

        @Override
        public int compare(Object a, Object b) {
            return KeyOrder.VALUES.compare(a, b);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    };

    static final BasicDataType<KeyValue> INDEX_KEYS = new BasicDataType<>() {
        @Override
        public int getMemory(KeyValue key) {
            return 24 + key.stream().mapToInt(MemoryEstimate::of).sum();
        }

        @Override
        public void write(WriteBuffer out, KeyValue key) {
            out.putVarInt(key.size());
            key.forEach(value -> StoredValues.writeValue(out, value));
        }

        @Override
        public KeyValue read(ByteBuffer in) {
            int size = DataUtils.readVarInt(in);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(StoredValues.readValue(in));
            }
            return new KeyValue(values);
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            return KeyOrder.KEYS.compare(a, b);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    };

    private StoredTypes() {
    }
}
