/**
 * The queue statistics (wallboard): today's figures from the queue's hour rows plus its live state.
 */
package io.ccagent.stats.queue;
