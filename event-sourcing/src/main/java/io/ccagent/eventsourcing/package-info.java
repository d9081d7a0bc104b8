/**
 * Axon Framework without Axon Server, on MongoDB, for the services that own event-sourced aggregates.
 *
 * <p>{@link io.ccagent.eventsourcing.MongoEventStoreAutoConfiguration} hand-wires the Mongo event store and token
 * store (the Mongo extension ships no Spring Boot starter) and creates the unique
 * {@code (aggregateIdentifier, sequenceNumber)} index that gives optimistic concurrency. Tracking processors read
 * through {@link io.ccagent.eventsourcing.WindowedTokensStorageStrategy}: Axon's reading, with the tokens of one fetch
 * sharing one {@link io.ccagent.eventsourcing.LookBackWindow} of known ids instead of copying it per event.
 * {@link io.ccagent.eventsourcing.WireNameSerializerAutoConfiguration} makes the store name contract events by their
 * wire names (never Java class names), reading older class-name entries through a frozen table.
 * {@link io.ccagent.eventsourcing.KafkaForwarderAutoConfiguration} publishes every stored
 * {@link io.ccagent.contracts.Event} to its Kafka topic, at least once. {@link io.ccagent.eventsourcing.BatchEnd} is how a
 * tracking processor's handler does its work once per batch (the forwarder's flush, a read model's bulk write).
 *
 * <p>Properties every service using this module sets:
 * <pre>
 * axon.axonserver.enabled: false          # no Axon Server; the event store is MongoDB
 * axon.serializer.general: jackson        # Jackson 2 (Axon's), with java.time support via findAndRegisterModules
 * axon.serializer.events: jackson
 * axon.serializer.messages: jackson
 * spring.mongodb.database: ...            # the service's own database; holds domainevents, trackingtokens
 * spring.kafka.bootstrap-servers: ...     # where the forwarder publishes
 * </pre>
 * Optional: {@code cca.event-sourcing.look-back} (default 5s), {@code cca.event-sourcing.fetch-size} (default 1000),
 * {@code cca.event-sourcing.forwarder.enabled} (default true),
 * {@code cca.event-sourcing.forwarder.send-timeout} (default 30s), {@code cca.event-sourcing.forwarder.batch-size}
 * (default 500).
 */
package io.ccagent.eventsourcing;
