/** Refusals that carry their HTTP status ({@link io.ccagent.badinput.http.Refusal}) and the one advice that answers them. */
package io.ccagent.badinput.http;
