/**
 * The Queue aggregate (event-sourced, Axon): a queue's settings and agent (device) list, the HTTP commands that change
 * them, and the {@code queue_views} read model the portal shows.
 */
package io.ccagent.queue.queues;
