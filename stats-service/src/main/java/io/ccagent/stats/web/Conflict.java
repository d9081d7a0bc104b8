package io.ccagent.stats.web;

/** A request that clashes with work in progress; answered with 409. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
