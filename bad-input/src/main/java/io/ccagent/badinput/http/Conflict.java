package io.ccagent.badinput.http;

import org.springframework.http.HttpStatus;

/** A request that clashes with the current state or with work in progress. */
public class Conflict extends Refusal {

    public Conflict(String detail) {
        super(HttpStatus.CONFLICT, detail);
    }
}
