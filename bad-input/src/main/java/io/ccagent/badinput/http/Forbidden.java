package io.ccagent.badinput.http;

import org.springframework.http.HttpStatus;

/** A caller who may not do this (another tenant, or a role without the right). */
public class Forbidden extends Refusal {

    public Forbidden(String detail) {
        super(HttpStatus.FORBIDDEN, detail);
    }
}
