package io.ccagent.badinput.http;

import org.springframework.http.HttpStatus;

/** A request without the credential its endpoint needs, or with a wrong one (a key or token, not a signed-in user). */
public class Unauthorized extends Refusal {

    public Unauthorized(String detail) {
        super(HttpStatus.UNAUTHORIZED, detail);
    }
}
