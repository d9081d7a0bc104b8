package io.ccagent.gateway.queues;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.ccagent.contracts.ids.QueueId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueDeleted;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Which extensions are queues, learned from {@code queue.Configured} and {@code queue.Deleted}. Kept in MongoDB so a restarted gateway still
 * knows them, mirrored in memory because every inbound INVITE asks.
 */
@Component
public class QueueDirectory {

    private final MongoCollection<Document> queues;
    private final Map<QueueId, String> names = new ConcurrentHashMap<>();

    QueueDirectory(MongoDatabase database) {
        this.queues = database.getCollection("queues");
        for (Document doc : queues.find()) {
            names.put(QueueId.parse(doc.getString("_id")), doc.getString("name"));
        }
    }

    /** Idempotent: the same configuration twice leaves the same row. */
    public void configured(QueueConfigured event) {
        queues.replaceOne(eq("_id", event.queue().toString()),
                new Document("_id", event.queue().toString())
                        .append("tenant", event.queue().tenant().domain())
                        .append("name", event.name()), new ReplaceOptions().upsert(true));
        names.put(event.queue(), event.name());
    }

    /** A deleted queue's extension is no queue any more: calls to it are not queue calls. */
    public void deleted(QueueDeleted event) {
        queues.deleteOne(eq("_id", event.queue().toString()));
        names.remove(event.queue());
    }

    /** Asks MongoDB on a miss: with several instances, another one may have consumed the queue's configuration. */
    public boolean isQueue(QueueId queue) {
        if (names.containsKey(queue)) {
            return true;
        }
        Document doc = queues.find(eq("_id", queue.toString())).first();
        if (doc == null) {
            return false;
        }
        names.put(queue, doc.getString("name"));
        return true;
    }

    public List<QueueId> queuesOf(Tenant tenant) {
        return names.keySet().stream().filter(queue -> queue.tenant().equals(tenant))
                .sorted(Comparator.comparing(QueueId::toString)).toList();
    }
}
