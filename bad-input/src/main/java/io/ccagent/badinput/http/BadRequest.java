package io.ccagent.badinput.http;

import org.springframework.http.HttpStatus;

/** A request with a missing, malformed or out-of-range value. */
public class BadRequest extends Refusal {

    public BadRequest(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
