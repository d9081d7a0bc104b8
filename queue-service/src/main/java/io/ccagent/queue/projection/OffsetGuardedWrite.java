package io.ccagent.queue.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * An idempotent projection write: a row keyed by its subject remembers the Kafka offset of the record that last
 * set it, and only a later record of the same partition may change it. Redeliveries and replays after a crash are
 * therefore no-ops, and there is one row per subject, never a duplicate. A subject's records all share one
 * partition because every record is keyed by its tenant.
 */
public final class OffsetGuardedWrite {

    public static final String OFFSET = "sourceOffset";

    private OffsetGuardedWrite() {
    }

    /** Sets {@code fields} on row {@code id} if {@code offset} is newer than what the row has seen. */
    public static boolean apply(MongoCollection<Document> rows, String id, long offset, Document fields) {
        Bson newer = Filters.and(Filters.eq("_id", id),
                Filters.or(Filters.exists(OFFSET, false), Filters.lt(OFFSET, offset)));
        Document set = new Document(fields).append(OFFSET, offset);
        try {
            rows.updateOne(newer, new Document("$set", set), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
