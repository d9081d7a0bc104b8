/**
 * What each command changed: the events a portal command caused, in its answer (the portal pushes them to the user's
 * own live streams before Kafka delivers them), and the count of committed status changes.
 */
package io.ccagent.agent.changes;
