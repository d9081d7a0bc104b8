package io.ccagent.agent.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;
import java.util.UUID;

/**
 * Envelope ids already handled by this service's consumers, so a redelivered record changes nothing even when
 * the agent's state has moved on since (a repeated *51 after a later Lunch must not put the agent Online again).
 */
@Component
public class ProcessedEnvelopes {

    private final MongoCollection<Document> processed;
    private final Clock clock;

    ProcessedEnvelopes(MongoClient client, @Value("${spring.mongodb.database}") String database, Clock clock) {
        this.processed = client.getDatabase(database).getCollection("processed_envelopes");
        this.clock = clock;
    }

    public boolean seen(UUID envelopeId) {
        return processed.find(Filters.eq("_id", envelopeId.toString())).first() != null;
    }

    public void remember(UUID envelopeId) {
        try {
            processed.insertOne(new Document("_id", envelopeId.toString()).append("at", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
