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

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What any infrastructure mode must offer; run against the embedded and the container mode alike. */
abstract class InfrastructureContract {

    abstract Infrastructure infrastructure();

    @Test
    void kafkaCarriesEnvelopesKeyedByTenant() {
        AgentId agent = AgentId.parse("1002@kit.example.com");
        try (TopicProbe probe = TopicProbe.fromNow(infrastructure(), Topics.AGENT_EVENTS);
             EventSender sender = new EventSender(infrastructure())) {
            Envelope sent = sender.send(new AgentStatusChanged(agent, AgentStatus.OFFLINE, AgentStatus.ONLINE,
                    ChangeSource.PORTAL, agent.toString()));

            Envelope received = probe.await(e -> e.id().equals(sent.id()), Duration.ofSeconds(30));

            assertThat(received).isEqualTo(sent);
        }
    }

    @Test
    void mongoAnswersTheHelloCommandThatHealthChecksSend() {
        try (var client = MongoClients.create(infrastructure().mongoUri())) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));

            assertThat(hello.get("ok")).isEqualTo(1.0);
            assertThat(hello.getInteger("maxWireVersion")).isPositive();
        }
    }

    @Test
    void mongoAnswersOnTheGivenUri() {
        try (var client = MongoClients.create(infrastructure().mongoUri())) {
            var collection = client.getDatabase("kit").getCollection("probe-" + getClass().getSimpleName());
            collection.insertOne(new Document("mode", infrastructure().mode()));

            assertThat(collection.find().first()).containsEntry("mode", infrastructure().mode());
        }
    }
}
