/**
 * Who may call which endpoint of this service, beyond the common rules of service-identity.
 */
package io.ccagent.queue.web;
