package io.ccagent.contracts.wire;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.EventType;
import io.ccagent.contracts.agent.AgentEvent;
import io.ccagent.contracts.call.CallEvent;
import io.ccagent.contracts.queue.QueueEvent;
import io.ccagent.contracts.queue.RouterFact;
import io.ccagent.contracts.routing.RoutingCommand;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalog of wire names, built once from the permitted records of each stream's sealed interface.
 * Adding a record to a {@code permits} clause with an {@link EventType} annotation is all it takes to register it.
 */
public final class EventTypes {

    /** A record class with its frozen wire name and current version. */
    public record Registration(String name, int version, Class<? extends Event> type) {
    }

    private static final Map<String, Registration> BY_NAME;
    private static final Map<Class<?>, Registration> BY_CLASS;

    static {
        var registrations = Stream.of(AgentEvent.class, QueueEvent.class, CallEvent.class, RouterFact.class,
                        RoutingCommand.class)
                .flatMap(stream -> Arrays.stream(stream.getPermittedSubclasses()))
                .map(EventTypes::register)
                .toList();
        BY_NAME = registrations.stream().collect(Collectors.toUnmodifiableMap(Registration::name, Function.identity()));
        BY_CLASS = registrations.stream().collect(Collectors.toUnmodifiableMap(Registration::type, Function.identity()));
    }

    private EventTypes() {
    }

    @SuppressWarnings("unchecked")
    private static Registration register(Class<?> type) {
        EventType annotation = type.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalStateException(type.getName() + " has no @EventType wire name");
        }
        return new Registration(annotation.value(), annotation.version(), (Class<? extends Event>) type);
    }

    public static Registration of(Class<? extends Event> type) {
        Registration registration = BY_CLASS.get(type);
        if (registration == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered event type");
        }
        return registration;
    }

    public static Optional<Registration> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<Registration> all() {
        return BY_NAME.values();
    }
}
