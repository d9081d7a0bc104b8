package io.ccagent.agent.agent;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.Tenant;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Which agents each tenant has, for listing them; the agents' state itself lives in their event streams. */
@Component
public class AgentDirectory {

    private final MongoCollection<Document> agents;

    AgentDirectory(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        this.agents = client.getDatabase(database).getCollection("agent_directory");
    }

    public void add(AgentId agent) {
        agents.replaceOne(Filters.eq("_id", agent.toString()),
                new Document("_id", agent.toString()).append("tenant", agent.tenant().domain()),
                new ReplaceOptions().upsert(true));
    }

    public List<AgentId> of(Tenant tenant) {
        List<AgentId> ids = new ArrayList<>();
        agents.find(Filters.eq("tenant", tenant.domain())).sort(Sorts.ascending("_id"))
                .forEach(doc -> ids.add(AgentId.parse(doc.getString("_id"))));
        return ids;
    }
}
