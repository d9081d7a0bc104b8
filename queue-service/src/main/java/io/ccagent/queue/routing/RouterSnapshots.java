package io.ccagent.queue.routing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The latest routing snapshot of each partition number, one MongoDB document per partition ({@code _id} only), the
 * state as gzip-compressed JSON. Written after the Kafka transaction that reached the snapshot's offsets committed,
 * so a snapshot never runs ahead of the committed input offsets.
 */
@Component
class RouterSnapshots {

    private final MongoCollection<Document> snapshots;
    private static final JsonMapper JSON = JsonMapper.builder().addModule(SnapshotIds.module()).build();

    RouterSnapshots(MongoDatabase database) {
        this.snapshots = database.getCollection("router_snapshots");
    }

    void save(PartitionRouter.Snapshot snapshot) {
        byte[] state = encode(snapshot);
        snapshots.replaceOne(Filters.eq("_id", id(snapshot.partition())), new Document("_id", id(snapshot.partition()))
                .append("takenAt", new Date())
                .append("state", new Binary(state)), new ReplaceOptions().upsert(true));
    }

    /** Every stored snapshot, decoded one at a time. */
    void forEach(Consumer<PartitionRouter.Snapshot> action) {
        for (Document found : snapshots.find()) {
            action.accept(decode(found.get("state", Binary.class).getData()));
        }
    }

    Optional<PartitionRouter.Snapshot> load(int partition) {
        Document found = snapshots.find(Filters.eq("_id", id(partition))).first();
        if (found == null) {
            return Optional.empty();
        }
        byte[] state = found.get("state", Binary.class).getData();
        return Optional.of(decode(state));
    }

    static byte[] encode(PartitionRouter.Snapshot snapshot) {
        return gzip(JSON.writeValueAsBytes(snapshot));
    }

    static PartitionRouter.Snapshot decode(byte[] state) {
        return JSON.readValue(gunzip(state), PartitionRouter.Snapshot.class);
    }

    private static String id(int partition) {
        return "partition-" + partition;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] packed) {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return zip.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
