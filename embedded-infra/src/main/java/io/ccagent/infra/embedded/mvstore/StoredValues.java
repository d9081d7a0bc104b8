package io.ccagent.infra.embedded.mvstore;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * How documents and single values are laid out in the store's pages: as BSON, the format they arrived in on the wire,
 * instead of H2's default Java serialization (which made writing and reading pages the store's main cost). A value
 * the BSON encoder does not know — none of the platform's documents has one — falls back to Java serialization, so
 * nothing is ever refused.
 */
final class StoredValues {

    private static final byte MISSING = 0;
    private static final byte BSON = 1;
    private static final byte SERIALIZED = 2;
    private static final String WRAPPER_FIELD = "v";
    /** Each page writer encodes into its own buffer, grown once: a new one per value was most of the store's garbage. */
    private static final ThreadLocal<ByteBuf> SCRATCH = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private StoredValues() {
    }

    static void writeDocument(WriteBuffer out, Document document) {
        try {
            writeBson(out, document);
        } catch (IllegalArgumentException | ClassCastException notBson) {
            writeSerialized(out, document);
        }
    }

    /** A value that is not a document (an id, an index key's part) travels wrapped in a one-field document. */
    static void writeValue(WriteBuffer out, Object value) {
        if (value instanceof Missing) {
            out.put(MISSING);
            return;
        }
        try {
            writeBson(out, new Document(WRAPPER_FIELD, value));
        } catch (IllegalArgumentException | ClassCastException notBson) {
            writeSerialized(out, value);
        }
    }

    static Object readValue(ByteBuffer in) {
        byte format = in.get();
        return switch (format) {
            case MISSING -> Missing.getInstance();
            case BSON -> readBson(in).get(WRAPPER_FIELD);
            case SERIALIZED -> readSerialized(in);
            default -> throw unknownFormat(format);
        };
    }

    static Document readDocument(ByteBuffer in) {
        byte format = in.get();
        return switch (format) {
            case BSON -> readBson(in);
            case SERIALIZED -> (Document) readSerialized(in);
            default -> throw unknownFormat(format);
        };
    }

    private static Document readBson(ByteBuffer in) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(readBytes(in)));
    }

    private static Object readSerialized(ByteBuffer in) {
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(readBytes(in)))) {
            return objects.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] bytes = new byte[DataUtils.readVarInt(in)];
        in.get(bytes);
        return bytes;
    }

    private static IllegalStateException unknownFormat(byte format) {
        return new IllegalStateException("unknown stored value format " + format);
    }

    private static void writeBson(WriteBuffer out, Document document) {
        ByteBuf bson = SCRATCH.get().clear();
        BsonEncoder.encodeDocument(document, bson);
        out.put(BSON);
        out.putVarInt(bson.readableBytes());
        out.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
    }

    private static void writeSerialized(WriteBuffer out, Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
            objects.writeObject((Serializable) value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.put(SERIALIZED);
        out.putVarInt(bytes.size());
        out.put(bytes.toByteArray());
    }
}
