/**
 * The wrap-up timer: the {@code wrap_up_deadlines} read model and the poller that ends due wrap-ups.
 */
package io.ccagent.agent.wrapup;
