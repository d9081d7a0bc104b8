package io.ccagent.agent.queues;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.ccagent.contracts.ids.QueueId;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Each queue's wrap-up time, learned from {@code queue.Configured}; a queue never configured has none. */
@Component
public class QueueSettings {

    private final MongoCollection<Document> queues;

    QueueSettings(MongoDatabase database) {
        this.queues = database.getCollection("queue_settings");
    }

    void configured(QueueId queue, int wrapUpSeconds) {
        queues.replaceOne(Filters.eq("_id", queue.toString()),
                new Document("_id", queue.toString()).append("wrapUpSeconds", wrapUpSeconds),
                new ReplaceOptions().upsert(true));
    }

    public int wrapUpSeconds(QueueId queue) {
        if (queue == null) {
            return 0;
        }
        Document settings = queues.find(Filters.eq("_id", queue.toString())).first();
        return settings == null ? 0 : settings.getInteger("wrapUpSeconds", 0);
    }
}
