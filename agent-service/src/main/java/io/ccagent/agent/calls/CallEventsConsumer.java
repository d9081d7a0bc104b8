package io.ccagent.agent.calls;

import io.ccagent.agent.agents.AgentCommands;
import io.ccagent.agent.agents.AgentRuleViolation;
import io.ccagent.agent.config.ChangeMetadata;
import io.ccagent.agent.inbox.Inbox;
import io.ccagent.agent.queues.QueueSettings;
import io.ccagent.badinput.kafka.DeadLetterWriter;
import io.ccagent.contracts.agent.ChangeSource;
import io.ccagent.contracts.call.CallAbandoned;
import io.ccagent.contracts.call.CallAnswered;
import io.ccagent.contracts.call.CallEnded;
import io.ccagent.contracts.call.OfferNotAnswered;
import io.ccagent.contracts.call.StarCodeDialed;
import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.CallId;
import io.ccagent.contracts.ids.Tenant;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Turns {@code call.events} into agent commands: answered → on a call; ended or abandoned → call over (and
 * wrap-up after a queue call); offer not answered → ends Single-Call; star codes → status and queue logins.
 */
@Configuration(proxyBeanMethods = false)
class CallEventsConsumer {

    private static final Logger log = LoggerFactory.getLogger(CallEventsConsumer.class);

    @Bean
    Consumer<Message<byte[]>> callEvents(EnvelopeCodec codec, DeadLetterWriter deadLetters, CallHandling handling) {
        Inbox inbox = new Inbox(codec, deadLetters, CallAnswered.class, CallEnded.class, CallAbandoned.class,
                OfferNotAnswered.class, StarCodeDialed.class);
        return message -> inbox.receive(message, handling::handle);
    }

    @Bean
    CallHandling callHandling(CommandGateway commands, CallRegistry registry, QueueSettings queues, Clock clock,
                              MeterRegistry meters) {
        return new CallHandling(commands, registry, queues, clock, meters);
    }

    static final class CallHandling {

        private final CommandGateway commands;
        private final CallRegistry registry;
        private final QueueSettings queues;
        private final Clock clock;
        private final Counter rejectedStarCodes;
        private final Counter unknownAgents;

        CallHandling(CommandGateway commands, CallRegistry registry, QueueSettings queues, Clock clock,
                     MeterRegistry meters) {
            this.commands = commands;
            this.registry = registry;
            this.queues = queues;
            this.clock = clock;
            this.rejectedStarCodes = Counter.builder("cca.agent.starcodes.rejected")
                    .description("Star codes from a phone that belongs to no provisioned agent").register(meters);
            this.unknownAgents = Counter.builder("cca.agent.call-events.unknown-agent")
                    .description("Call events about an agent that is not provisioned here").register(meters);
        }

        void handle(Envelope envelope) {
            if (envelope.data() instanceof CallAnswered answered) {
                onAnswered(envelope, answered);
            } else if (envelope.data() instanceof CallEnded ended) {
                onEnded(envelope, ended.tenant(), ended.call());
            } else if (envelope.data() instanceof CallAbandoned abandoned) {
                onEnded(envelope, abandoned.tenant(), abandoned.call());
            } else if (envelope.data() instanceof OfferNotAnswered missed) {
                send(envelope, missed.agent(), new AgentCommands.MissOffer(missed.agent(), missed.call(),
                        missed.queue(), envelope.time()));
            } else if (envelope.data() instanceof StarCodeDialed dialed) {
                onStarCode(envelope, dialed);
            }
        }

        private void onAnswered(Envelope envelope, CallAnswered answered) {
            CallRegistry.Earlier earlier = registry.answered(answered);
            if (earlier.agent() != null && !earlier.agent().equals(answered.agent()) && earlier.endedAt() == null) {
                // one call is on one agent: another agent answering it (a transfer, a pickup the PBX reports) ends
                // the earlier agent's part, or that agent would stay on a call whose end names someone else
                endCall(envelope, earlier.agent(), answered.call(), queues.wrapUpSeconds(earlier.queue()),
                        envelope.time());
            }
            send(envelope, answered.agent(), new AgentCommands.StartCall(answered.agent(), answered.call(),
                    answered.queue(), answered.device()));
            if (earlier.endedAt() != null) {
                // the end overtook the answer: record both, in their real order
                endCall(envelope, answered.agent(), answered.call(), queues.wrapUpSeconds(answered.queue()),
                        earlier.endedAt());
            }
        }

        private void onEnded(Envelope envelope, Tenant tenant, CallId call) {
            registry.ended(tenant, call, envelope.time()).ifPresent(answered ->
                    endCall(envelope, answered.agent(), call, queues.wrapUpSeconds(answered.queue()),
                            answered.endedAt()));
        }

        private void endCall(Envelope envelope, AgentId agent, CallId call, int wrapUpSeconds, Instant endedAt) {
            send(envelope, agent, new AgentCommands.EndCall(agent, call, endedAt, wrapUpSeconds, clock.instant()));
        }

        private void onStarCode(Envelope envelope, StarCodeDialed dialed) {
            try {
                commands.sendAndWait(ChangeMetadata.command(
                        new AgentCommands.DialStarCode(dialed.agent(), dialed.device(), dialed.code()),
                        ChangeSource.STAR_CODE, dialed.device().toString(), envelope.id()));
            } catch (AgentRuleViolation | AggregateNotFoundException e) {
                rejectedStarCodes.increment();
                log.warn("Rejected star code {} from {} (call {}): {}", dialed.code(), dialed.device(),
                        dialed.call(), e.getMessage());
            }
        }

        private void send(Envelope envelope, AgentId agent, Object command) {
            try {
                commands.sendAndWait(ChangeMetadata.command(command, ChangeSource.SYSTEM, "telephony",
                        envelope.id()));
            } catch (AggregateNotFoundException | AgentRuleViolation.NotProvisioned e) {
                unknownAgents.increment();
                log.warn("Ignored {} {} for {}: the agent is not provisioned", envelope.type(), envelope.id(), agent);
            }
        }
    }
}
