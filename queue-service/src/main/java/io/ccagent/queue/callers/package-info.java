/**
 * The callers-waiting projection (the router's caller facts), its query endpoint, and picking a caller from a call
 * park queue.
 */
package io.ccagent.queue.callers;
