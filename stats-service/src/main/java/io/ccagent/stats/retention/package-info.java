/**
 * Deleting what is older than the configured retention, on a schedule (the embedded store has no TTL).
 */
package io.ccagent.stats.retention;
