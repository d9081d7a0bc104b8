package io.ccagent.testkit;

import com.mongodb.client.MongoClients;
import io.ccagent.contracts.Topics;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.wire.Envelope;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(InfrastructureExtension.class)
class SharedInfrastructureIT {

    @Test
    void kafkaCarriesEnvelopesKeyedByTenant(Infrastructure infrastructure) {
        AgentId agent = AgentId.parse("1002@kit.example.com");
        try (TopicProbe probe = TopicProbe.fromNow(infrastructure, Topics.AGENT_EVENTS);
             EventSender sender = new EventSender(infrastructure)) {
            Envelope sent = sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE,
                    ChangeSource.PORTAL, agent.toString()));

            Envelope received = probe.await(e -> e.id().equals(sent.id()), Duration.ofSeconds(20));

            assertThat(received).isEqualTo(sent);
        }
    }

    @Test
    void mongoAnswersOnTheGivenUri(Infrastructure infrastructure) {
        try (var client = MongoClients.create(infrastructure.mongoUri())) {
            var collection = client.getDatabase("kit").getCollection("probe");
            collection.insertOne(new Document("_id", "x").append("mode", infrastructure.mode()));

            assertThat(collection.find(new Document("_id", "x")).first()).containsEntry("mode", infrastructure.mode());
        }
    }
}
