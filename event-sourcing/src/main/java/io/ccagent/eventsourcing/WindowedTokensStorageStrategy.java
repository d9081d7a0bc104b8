package io.ccagent.eventsourcing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.axonframework.common.DateTimeUtils.formatInstant;

/**
 * Axon's document-per-event storage, reading tracked events the way Axon does (every event from the token's timestamp
 * minus the look-back that the token does not know yet, in timestamp order) but giving the events of one fetch tokens
 * that share one {@link LookBackWindow} instead of each copying the window. The tokens are plain
 * {@link MongoTrackingToken}s: equal to Axon's, stored and read back the same way.
 */
final class WindowedTokensStorageStrategy extends DocumentPerEventStorageStrategy {

    private final Duration lookBack;

    WindowedTokensStorageStrategy(Duration lookBack) {
        super(EventEntryConfiguration.getDefault(), lookBack);
        this.lookBack = lookBack;
    }

    @Override
    public List<? extends TrackedEventData<?>> findTrackedEvents(MongoCollection<Document> eventCollection,
                                                                 TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof MongoTrackingToken)) {
            throw new IllegalArgumentException("Token " + lastToken + " is not a MongoTrackingToken");
        }
        MongoTrackingToken token = (MongoTrackingToken) lastToken;
        LookBackWindow window = token == null
                ? new LookBackWindow(Map.of(), Long.MIN_VALUE, lookBack.toMillis())
                : new LookBackWindow(token.getTrackedEvents(), token.getTimestamp().toEpochMilli(), lookBack.toMillis());
        EventEntryConfiguration fields = eventConfiguration();
        Bson notSeenYet = token == null ? new Document() : Filters.and(
                Filters.gte(fields.timestampProperty(), formatInstant(token.getTimestamp().minus(lookBack))),
                Filters.nin(fields.eventIdentifierProperty(), token.getKnownEventIds()));
        List<TrackedEventData<?>> tracked = new ArrayList<>();
        try (MongoCursor<Document> documents = eventCollection.find(notSeenYet)
                .sort(Sorts.ascending(fields.timestampProperty(), fields.sequenceNumberProperty()))
                .batchSize(batchSize)
                .iterator()) {
            while (tracked.size() < batchSize && documents.hasNext()) {
                extractEvents(documents.next())
                        .filter(event -> !window.contains(event.getEventIdentifier()))
                        .forEach(event -> tracked.add(track(event, window)));
            }
        }
        return tracked;
    }

    private static <T> TrackedEventData<T> track(DomainEventData<T> event, LookBackWindow window) {
        Instant timestamp = event.getTimestamp();
        Map<String, Long> known = window.advance(event.getEventIdentifier(), timestamp.toEpochMilli());
        return new TrackedEvent<>(MongoTrackingToken.of(Instant.ofEpochMilli(window.newest()), known), event, timestamp);
    }

    /** Axon's tracked entry, with the timestamp parsed once (the stored entry parses its text on every call). */
    private static final class TrackedEvent<T> extends TrackedDomainEventData<T> {

        private final Instant timestamp;

        TrackedEvent(TrackingToken token, DomainEventData<T> stored, Instant timestamp) {
            super(token, stored);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
