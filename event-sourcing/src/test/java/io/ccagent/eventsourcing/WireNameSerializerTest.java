package io.ccagent.eventsourcing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccagent.contracts.agent.AgentStatus;
import io.ccagent.contracts.agent.AgentStatusChanged;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.wire.EventTypes;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class WireNameSerializerTest {

    private static final AgentStatusChanged EVENT = new AgentStatusChanged(AgentId.parse("1002@wire.example.com"),
            AgentStatus.OFFLINE, AgentStatus.LUNCH, ChangeSource.PORTAL, "1002@wire.example.com");

    private final JacksonSerializer jackson = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
    private final WireNameSerializer serializer = new WireNameSerializer(jackson);

    @Test
    void aContractEventIsStoredUnderItsWireNameAndVersionWithNoJavaNameInIt() {
        SerializedObject<byte[]> stored = serializer.serialize(EVENT, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("agent.StatusChanged");
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("io.ccagent");
    }

    @Test
    void anEventStoredUnderItsWireNameLoadsWhereverItsClassLivesNow() {
        // what the store holds: the wire name and the JSON, nothing that says where the class was
        byte[] json = jackson.serialize(EVENT, byte[].class).getData();
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(json, byte[].class,
                new SimpleSerializedType("agent.StatusChanged", "1"));

        assertThat(serializer.classForType(stored.getType())).isEqualTo(EventTypes.named("agent.StatusChanged")
                .orElseThrow().type());
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(EVENT);
    }

    @Test
    void anEventStoredUnderItsJavaClassNameBeforeWireNamesStillLoads() {
        SerializedObject<byte[]> legacy = jackson.serialize(EVENT, byte[].class);
        assertThat(legacy.getType().getName()).isEqualTo("io.ccagent.contracts.agent.AgentStatusChanged");

        assertThat(serializer.classForType(legacy.getType())).isEqualTo(AgentStatusChanged.class);
        assertThat((Object) serializer.deserialize(legacy)).isEqualTo(EVENT);
    }

    @Test
    void everyFrozenClassNameResolvesToARegisteredWireName() throws Exception {
        Properties frozen = new Properties();
        try (InputStream in = WireNameSerializer.class.getResourceAsStream("stored-class-names.properties")) {
            frozen.load(in);
        }

        assertThat(frozen).isNotEmpty();
        for (Map.Entry<Object, Object> entry : frozen.entrySet()) {
            assertThat(EventTypes.named((String) entry.getValue())).as("wire name of %s", entry.getKey()).isPresent();
            assertThat(serializer.classForType(new SimpleSerializedType((String) entry.getKey(), null)))
                    .isEqualTo(EventTypes.named((String) entry.getValue()).orElseThrow().type());
        }
    }

    @Test
    void whatIsNotAContractEventKeepsItsJavaName() {
        SerializedObject<byte[]> metaData = serializer.serialize(MetaData.with("causationId", "x"), byte[].class);

        assertThat(metaData.getType()).isEqualTo(jackson.typeForClass(MetaData.class));
        assertThat((Object) serializer.deserialize(metaData)).isEqualTo(MetaData.with("causationId", "x"));
    }

    @Test
    void anUnknownStoredNameIsReportedAsUnknownNotGuessed() {
        assertThat(serializer.classForType(new SimpleSerializedType("agent.Teleported", "1")).getSimpleName())
                .isEqualTo("UnknownSerializedType");
    }

    @Test
    void aServiceInternalTypeStoredBeforeItsClassMovedLoadsAsTheMovedClass() {
        byte[] json = jackson.serialize(new Internal("input-1"), byte[].class).getData();
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(json, byte[].class,
                new SimpleSerializedType("io.ccagent.eventsourcing.before.Internal", null));

        assertThat(serializer.classForType(stored.getType())).isEqualTo(Internal.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new Internal("input-1"));
    }

    record Internal(String input) {
    }
}
