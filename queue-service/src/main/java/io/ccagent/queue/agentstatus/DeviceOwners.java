package io.ccagent.queue.agentstatus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.ccagent.contracts.agent.AgentProvisioned;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import io.ccagent.contracts.wire.Envelope;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whose phone each device is, from the agents' provisioning ({@code agent.Provisioned} lists the agent's phones):
 * a supervisor may put a phone in a queue only for the agent it belongs to. One row per device ({@code _id}); the
 * last provisioning that lists a device wins, so handing a phone to another agent moves it.
 */
@Component
public class DeviceOwners {

    private final MongoCollection<Document> owners;

    DeviceOwners(MongoDatabase database) {
        this.owners = database.getCollection("device_owners");
    }

    void apply(List<Envelope> events) {
        Map<String, Document> latest = new LinkedHashMap<>();
        for (Envelope envelope : events) {
            if (envelope.data() instanceof AgentProvisioned provisioned) {
                for (DeviceId device : provisioned.devices()) {
                    latest.put(device.toString(), new Document("_id", device.toString())
                            .append("agent", provisioned.agent().toString()));
                }
            }
        }
        if (latest.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(latest.size());
        latest.forEach((id, row) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), row,
                new ReplaceOptions().upsert(true))));
        owners.bulkWrite(writes);
    }

    /** The agent provisioned with this phone; empty for a phone no agent has been provisioned with yet. */
    public Optional<AgentId> ownerOf(DeviceId device) {
        Document row = owners.find(Filters.eq("_id", device.toString())).first();
        return row == null ? Optional.empty() : Optional.of(AgentId.parse(row.getString("agent")));
    }
}
