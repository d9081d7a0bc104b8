/**
 * Rebuilding every projection from the topics into a new generation, then swapping it in; its admin endpoint.
 */
package io.ccagent.stats.rebuild;
