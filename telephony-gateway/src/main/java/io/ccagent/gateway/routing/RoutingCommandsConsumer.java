package io.ccagent.gateway.routing;

import io.ccagent.contracts.routing.ApplyUnansweredAction;
import io.ccagent.contracts.routing.CancelOffer;
import io.ccagent.contracts.routing.OfferCall;
import io.ccagent.contracts.wire.Envelope;
import io.ccagent.contracts.wire.EnvelopeCodec;
import io.ccagent.gateway.sip.B2bua;
import io.ccagent.gateway.simulator.VirtualPhones;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Executes the router's decisions. Each command is safe to see twice: an offer never rings a phone that is already
 * ringing for the call, and cancels or unanswered actions on a finished call change nothing. Undecodable records
 * throw, so the binder moves them to {@code routing.commands.dlq} and carries on.
 */
@Configuration(proxyBeanMethods = false)
class RoutingCommandsConsumer {

    @Bean
    Consumer<Message<byte[]>> routingCommands(EnvelopeCodec codec, B2bua b2bua, VirtualPhones virtualPhones) {
        return message -> {
            Envelope envelope = codec.decodeRecord(message.getHeaders().get(KafkaHeaders.RECEIVED_KEY), message.getPayload());
            if (envelope.data() instanceof OfferCall offer) {
                if (!virtualPhones.offer(offer)) {
                    b2bua.offer(offer);
                }
            } else if (envelope.data() instanceof CancelOffer cancel) {
                virtualPhones.cancel(cancel);
                b2bua.cancelOffer(cancel);
            } else if (envelope.data() instanceof ApplyUnansweredAction action) {
                if (!virtualPhones.applyUnansweredAction(action)) {
                    b2bua.applyUnansweredAction(action);
                }
            } else {
                throw new IllegalArgumentException("not a routing command: " + envelope.type());
            }
        };
    }
}
