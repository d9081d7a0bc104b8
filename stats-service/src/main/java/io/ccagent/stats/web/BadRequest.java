package io.ccagent.stats.web;

/** A request the service refuses with 400 and a readable reason. */
public class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message);
    }
}
