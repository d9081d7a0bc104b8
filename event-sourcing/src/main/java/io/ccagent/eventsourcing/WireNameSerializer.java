package io.ccagent.eventsourcing;

import io.ccagent.contracts.wire.EventTypes;
import io.ccagent.contracts.wire.EventTypes.Registration;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stores contract events under their frozen wire names ({@code agent.StatusChanged}, revision = the contract's
 * version) instead of Java class names, so an event class can move or be renamed without making stored aggregates
 * unreadable. Reading resolves a wire name through {@link EventTypes}; entries stored under a class name before this
 * serializer existed resolve through the frozen table {@code stored-class-names.properties}. Everything else (metadata,
 * service-internal types) passes through to the wrapped serializer under its Java name; when such a class moves, its
 * service lists {@code old.Name=new.Name} in {@value #MOVED_CLASSES} so what was stored before still loads.
 */
final class WireNameSerializer implements Serializer {

    private static final String STORED_CLASS_NAMES = "stored-class-names.properties";
    static final String MOVED_CLASSES = "META-INF/cca/moved-classes.properties";

    private final Serializer delegate;
    private final Map<Class<?>, Registration> byClass = EventTypes.all().stream()
            .collect(Collectors.toUnmodifiableMap(Registration::type, Function.identity()));
    private final Properties storedClassNames = storedClassNames();
    private final Properties movedClasses = movedClasses();

    WireNameSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        SerializedObject<T> serialized = delegate.serialize(object, expectedRepresentation);
        Registration registration = object == null ? null : byClass.get(object.getClass());
        return registration == null ? serialized
                : new SimpleSerializedObject<>(serialized.getData(), serialized.getContentType(), wireType(registration));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(registration(serializedObject.getType())
                .<SerializedObject<S>>map(registration -> new SimpleSerializedObject<>(serializedObject.getData(),
                        serializedObject.getContentType(), registration.type().getName(),
                        serializedObject.getType().getRevision()))
                .orElseGet(() -> moved(serializedObject)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return registration(type).<Class>map(Registration::type).orElseGet(() -> delegate.classForType(moved(type)));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        Registration registration = type == null ? null : byClass.get(type);
        return registration == null ? delegate.typeForClass(type) : wireType(registration);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    /** The contract type a stored entry names, by wire name or by the class name it was stored under before. */
    private Optional<Registration> registration(SerializedType type) {
        String name = type.getName();
        return EventTypes.named(name).or(() -> Optional.ofNullable(storedClassNames.getProperty(name))
                .flatMap(EventTypes::named));
    }

    /** A service-internal type under the name its class has now, when the class moved after the entry was stored. */
    private SerializedType moved(SerializedType type) {
        String now = movedClasses.getProperty(type.getName());
        return now == null ? type : new SimpleSerializedType(now, type.getRevision());
    }

    private <S> SerializedObject<S> moved(SerializedObject<S> stored) {
        SerializedType type = moved(stored.getType());
        return type == stored.getType() ? stored
                : new SimpleSerializedObject<>(stored.getData(), stored.getContentType(), type);
    }

    private static SerializedType wireType(Registration registration) {
        return new SimpleSerializedType(registration.name(), Integer.toString(registration.version()));
    }

    /** Every service's list of moved classes on the class path (each service names only its own classes). */
    private static Properties movedClasses() {
        Properties moved = new Properties();
        try {
            Enumeration<URL> lists = WireNameSerializer.class.getClassLoader().getResources(MOVED_CLASSES);
            while (lists.hasMoreElements()) {
                try (InputStream in = lists.nextElement().openStream()) {
                    moved.load(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return moved;
    }

    private static Properties storedClassNames() {
        Properties names = new Properties();
        try (InputStream in = WireNameSerializer.class.getResourceAsStream(STORED_CLASS_NAMES)) {
            names.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
