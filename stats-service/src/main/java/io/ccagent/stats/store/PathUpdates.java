package io.ccagent.stats.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field-level writes of one batch, merged per document so a batch costs one upsert per touched document.
 * Every write is absolute ({@code $set}, {@code $unset}) or order-free ({@code $min}, {@code $max}), which is what
 * makes applying the same batch twice, or its events in another order, give the same documents.
 */
public final class PathUpdates {

    private final Map<String, Ops> byDocument = new LinkedHashMap<>();

    public PathUpdates set(String id, String path, Object value) {
        Ops ops = ops(id);
        ops.unset.remove(path);
        ops.set.put(path, value);
        return this;
    }

    public PathUpdates unset(String id, String path) {
        Ops ops = ops(id);
        ops.set.remove(path);
        ops.unset.put(path, "");
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public PathUpdates max(String id, String path, Comparable value) {
        Map<String, Object> max = ops(id).max;
        Object known = max.get(path);
        if (known == null || ((Comparable) known).compareTo(value) < 0) {
            max.put(path, value);
        }
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public PathUpdates min(String id, String path, Comparable value) {
        Map<String, Object> min = ops(id).min;
        Object known = min.get(path);
        if (known == null || ((Comparable) known).compareTo(value) > 0) {
            min.put(path, value);
        }
        return this;
    }

    /** Sets the same field on every document this batch touches. */
    public PathUpdates setOnEach(String path, Object value) {
        byDocument.keySet().forEach(id -> set(id, path, value));
        return this;
    }

    public boolean isEmpty() {
        return byDocument.isEmpty();
    }

    public void writeTo(MongoCollection<Document> collection) {
        if (byDocument.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>(byDocument.size());
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        byDocument.forEach((id, ops) -> models.add(new UpdateOneModel<>(Filters.eq("_id", id), ops.toUpdate(), upsert)));
        collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
    }

    private Ops ops(String id) {
        return byDocument.computeIfAbsent(id, ignored -> new Ops());
    }

    private static final class Ops {
        final Document set = new Document();
        final Document unset = new Document();
        final Map<String, Object> max = new LinkedHashMap<>();
        final Map<String, Object> min = new LinkedHashMap<>();

        Document toUpdate() {
            Document update = new Document();
            if (!set.isEmpty()) {
                update.append("$set", set);
            }
            if (!unset.isEmpty()) {
                update.append("$unset", unset);
            }
            if (!max.isEmpty()) {
                update.append("$max", new Document(max));
            }
            if (!min.isEmpty()) {
                update.append("$min", new Document(min));
            }
            return update;
        }
    }
}
