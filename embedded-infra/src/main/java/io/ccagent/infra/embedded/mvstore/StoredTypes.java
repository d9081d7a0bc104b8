package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/** The H2 data types of the store's maps: documents, ids (positions) and index keys, all laid out by {@link StoredValues}. */
final class StoredTypes {

    static final BasicDataType<Document> DOCUMENTS = new StoredType<>(StoredValues::writeDocument,
            StoredValues::readDocument, null, Document[]::new);

    static final BasicDataType<Object> VALUES = new StoredType<>(StoredValues::writeValue, StoredValues::readValue,
            KeyOrder.VALUES, Object[]::new);

    static final BasicDataType<KeyValue> INDEX_KEYS = new StoredType<>(StoredTypes::writeKey, StoredTypes::readKey,
            KeyOrder.KEYS, KeyValue[]::new);

    private StoredTypes() {
    }

    private static void writeKey(WriteBuffer out, KeyValue key) {
        out.putVarInt(key.size());
        key.forEach(value -> StoredValues.writeValue(out, value));
    }

    private static KeyValue readKey(ByteBuffer in) {
        int size = DataUtils.readVarInt(in);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(StoredValues.readValue(in));
        }
        return new KeyValue(values);
    }

    private static final class StoredType<T> extends BasicDataType<T> {

        private final BiConsumer<WriteBuffer, T> writer;
        private final Function<ByteBuffer, T> reader;
        private final Comparator<? super T> order;
        private final IntFunction<T[]> storage;

        /** {@code order} is null for values, which H2 never compares. */
        StoredType(BiConsumer<WriteBuffer, T> writer, Function<ByteBuffer, T> reader, Comparator<? super T> order,
                   IntFunction<T[]> storage) {
            this.writer = writer;
            this.reader = reader;
            this.order = order;
            this.storage = storage;
        }

        @Override
        public int getMemory(T value) {
            return MemoryEstimate.of(value);
        }

        @Override
        public void write(WriteBuffer out, T value) {
            writer.accept(out, value);
        }

        @Override
        public T read(ByteBuffer in) {
            return reader.apply(in);
        }

        @Override
        public int compare(T a, T b) {
            if (order == null) {
                return super.compare(a, b);
            }
            return order.compare(a, b);
        }

        @Override
        public T[] createStorage(int size) {
            return storage.apply(size);
        }
    }
}
