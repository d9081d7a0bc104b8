package io.ccagent.gateway.pbx;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.ccagent.contracts.ids.Tenant;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Remembers which PBX event ids were already stored for publishing, so a retried POST publishes nothing new. */
@Component
class ReceivedEvents {

    private final MongoCollection<Document> received;
    private final Clock clock;

    ReceivedEvents(MongoDatabase database, Clock clock) {
        this.received = database.getCollection("pbx_events");
        this.clock = clock;
    }

    boolean contains(Tenant tenant, UUID id) {
        return received.find(new Document("_id", key(tenant, id))).first() != null;
    }

    /** Marks the id received; a concurrent duplicate that got here first is fine (its fact is stored as well). */
    void mark(Tenant tenant, UUID id, String type) {
        try {
            received.insertOne(new Document("_id", key(tenant, id))
                    .append("type", type).append("received", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static String key(Tenant tenant, UUID id) {
        return tenant.domain() + "/" + id;
    }
}
