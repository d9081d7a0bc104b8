/**
 * The availability projection (the router's facts → green or red per agent and queue, with the reason) and
 * its query endpoint.
 */
package io.ccagent.queue.availability;
