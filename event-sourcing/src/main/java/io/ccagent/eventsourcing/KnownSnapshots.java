package io.ccagent.eventsourcing;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;

/**
 * Skips a snapshot whose class no longer exists (the aggregate moved or was renamed since it was taken): the aggregate
 * is then rebuilt from its events, which keep loading under their wire names, and its next snapshot is taken under
 * the new name. A snapshot is a cache, so skipping one loses nothing.
 */
final class KnownSnapshots implements SnapshotFilter {

    private final Serializer snapshotSerializer;

    KnownSnapshots(Serializer snapshotSerializer) {
        this.snapshotSerializer = snapshotSerializer;
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        return !UnknownSerializedType.class.equals(snapshotSerializer.classForType(snapshot.getPayload().getType()));
    }
}
