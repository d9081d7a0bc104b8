package io.ccagent.agent.queues;

import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.agent.inbox.Inbox;
import io.ccagent.badinput.kafka.DeadLetterWriter;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.queue.QueueConfigured;
import io.ccagent.contracts.queue.QueueMemberAdded;
import io.ccagent.contracts.queue.QueueMemberRemoved;
import io.ccagent.contracts.queue.QueueMemberUpdated;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** Learns wrap-up times and which of an agent's phones are in which queue from {@code queue.events}. */
@Configuration(proxyBeanMethods = false)
class QueueEventsConsumer {

    @Bean
    Consumer<Message<byte[]>> queueEvents(EnvelopeCodec codec, DeadLetterWriter deadLetters, CommandGateway commands,
                                          QueueSettings settings) {
        Inbox inbox = new Inbox(codec, deadLetters, QueueConfigured.class, QueueMemberAdded.class,
                QueueMemberUpdated.class, QueueMemberRemoved.class);
        return message -> inbox.receive(message, envelope -> handle(envelope, commands, settings));
    }

    private static void handle(Envelope envelope, CommandGateway commands, QueueSettings settings) {
        if (envelope.data() instanceof QueueConfigured configured) {
            settings.configured(configured.queue(), configured.wrapUpSeconds());
        } else if (envelope.data() instanceof QueueMemberAdded added) {
            commands.sendAndWait(ChangeMetadata.command(new AgentCommands.UpdateQueueMembership(added.agent(),
                    added.queue(), added.device(), true, added.priority()), ChangeSource.SUPERVISOR, added.actor(),
                    envelope.id()));
        } else if (envelope.data() instanceof QueueMemberUpdated updated) {
            commands.sendAndWait(ChangeMetadata.command(new AgentCommands.UpdateQueueMembership(updated.agent(),
                    updated.queue(), updated.device(), true, updated.priority()), ChangeSource.SUPERVISOR,
                    updated.actor(), envelope.id()));
        } else if (envelope.data() instanceof QueueMemberRemoved removed) {
            commands.sendAndWait(ChangeMetadata.command(new AgentCommands.UpdateQueueMembership(removed.agent(),
                    removed.queue(), removed.device(), false, 0), ChangeSource.SUPERVISOR, removed.actor(),
                    envelope.id()));
        }
    }
}
