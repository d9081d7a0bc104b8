package io.ccagent.badinput.http;

import org.springframework.http.HttpStatus;

/** A request about something that does not exist (or not in this tenant). */
public class NotFound extends Refusal {

    public NotFound(String detail) {
        super(HttpStatus.NOT_FOUND, detail);
    }
}
