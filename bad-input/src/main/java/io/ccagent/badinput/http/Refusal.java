package io.ccagent.badinput.http;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses, carrying its 4xx status and a sentence a person can read. Thrown anywhere a request is
 * handled (controllers, aggregates' rule checks); {@link ProblemAdvice} answers it as a problem detail. The subclasses
 * name the usual refusals; a service subclasses one of them for a refusal of its own domain.
 */
public class Refusal extends RuntimeException {

    private final HttpStatus status;

    protected Refusal(HttpStatus status, String detail) {
        super(detail);
        if (!status.is4xxClientError()) {
            throw new IllegalArgumentException("a refusal is a 4xx answer, not " + status);
        }
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
