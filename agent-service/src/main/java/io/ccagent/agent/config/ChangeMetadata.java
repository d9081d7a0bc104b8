package io.ccagent.agent.config;

import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.eventsourcing.MongoEventStoreAutoConfiguration;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Metadata put on commands so the stored events say where a change came from (history, causation id). */
public final class ChangeMetadata {

    public static final String SOURCE = "source";
    public static final String ACTOR = "actor";
    /**
     * Which Kafka record caused a command, and which of the commands it caused this is (one record can cause two, an
     * answer overtaken by its end causes a call start and a call end): what the agent remembers to ignore a redelivery.
     */
    public static final String INPUT = "input";

    private ChangeMetadata() {
    }

    public static CommandMessage<Object> command(Object command, ChangeSource source, String actor, UUID causationId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(SOURCE, source.name());
        metadata.put(ACTOR, actor);
        if (causationId != null) {
            metadata.put(MongoEventStoreAutoConfiguration.CAUSATION_ID, causationId.toString());
            metadata.put(INPUT, causationId + "/" + command.getClass().getSimpleName());
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata));
    }
}
