/** The one dead-letter shape and its writer: unreadable records on {@code <topic>.dlq} with one set of headers. */
package io.ccagent.badinput.kafka;
