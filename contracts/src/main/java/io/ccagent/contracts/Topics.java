package io.ccagent.contracts;

import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.queue.QueueEvent;
import io.ccagent.contracts.queue.RouterFact;
import io.ccagent.contracts.routing.RoutingCommand;

import java.util.List;

/** Every Kafka topic of the platform. Each has exactly one writing service; records are keyed by tenant. */
public final class Topics {

    /** Written by agent-service. */
    public static final String AGENT_EVENTS = "agent.events";
    /** Written by queue-service. */
    public static final String QUEUE_EVENTS = "queue.events";
    /** Written by telephony-gateway. */
    public static final String CALL_EVENTS = "call.events";
    /** Written by queue-service's router (availability, callers waiting); the router itself never reads it. */
    public static final String QUEUE_FACTS = "queue.facts";
    /** Written by queue-service's router, read by telephony-gateway. */
    public static final String ROUTING_COMMANDS = "routing.commands";

    public static final List<String> ALL = List.of(AGENT_EVENTS, QUEUE_EVENTS, CALL_EVENTS, QUEUE_FACTS,
            ROUTING_COMMANDS);

    /**
     * The router's inputs. They must have equal partition counts (queue-service checks it at start-up): a tenant then
     * sits in the same partition number of each, and one router instance owns all of its inputs.
     */
    public static final List<String> ROUTER_INPUTS = List.of(AGENT_EVENTS, CALL_EVENTS, QUEUE_EVENTS);

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The topic a given event belongs on. */
    public static String of(Event event) {
        if (event instanceof AgentEvent) {
            return AGENT_EVENTS;
        }
        if (event instanceof QueueEvent) {
            return QUEUE_EVENTS;
        }
        if (event instanceof RouterFact) {
            return QUEUE_FACTS;
        }
        if (event instanceof CallEvent) {
            return CALL_EVENTS;
        }
        if (event instanceof RoutingCommand) {
            return ROUTING_COMMANDS;
        }
        throw new IllegalArgumentException("no topic for " + event.getClass().getName());
    }
}
