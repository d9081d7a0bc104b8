/**
 * The router (ACD): a pure per-tenant decision core ({@code TenantRouter}, {@code RingOrder} for everything a queue
 * type decides) and its I/O edges: the Kafka loop with one transaction per partition, snapshots and the journal.
 */
package io.ccagent.queue.routing;
