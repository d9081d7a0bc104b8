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

/** Remembers which PBX event ids were already accepted, so a retried POST publishes nothing new. */
@Component
class ReceivedEvents {

    private final MongoCollection<Document> received;
    private final Clock clock;

    ReceivedEvents(MongoDatabase database, Clock clock) {
        this.received = database.getCollection("pbx_events");
        this.clock = clock;
    }

    /** True the first time this (tenant, id) is seen; false for a duplicate. The _id's uniqueness decides. */
    boolean firstTime(Tenant tenant, UUID id, String type) {
        try {
            received.insertOne(new Document("_id", tenant.domain() + "/" + id)
                    .append("type", type).append("received", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
