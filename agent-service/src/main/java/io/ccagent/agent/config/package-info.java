/**
 * The service's Spring and Axon wiring (clock, command gateway and its retries, snapshots, the Mongo database) and
 * the metadata every command carries ({@code ChangeMetadata}: source, actor, causing record).
 */
package io.ccagent.agent.config;
