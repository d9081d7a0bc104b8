/**
 * How a service answers input it cannot take, the same in every service: {@code http} refusals carrying their status
 * as problem details, {@code kafka} unreadable records as dead letters. Owns no domain rule.
 */
package io.ccagent.badinput;
