package io.ccagent.badinput.http;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every refused request of every service answers an RFC 9457 problem detail: {@code type} about:blank, the status's
 * standard phrase as {@code title} (as the 401/403 of service-identity), and a readable {@code detail}. Ahead of
 * Spring's own problem-details handler, which answers the framework's other refusals (405, 415, ...) the same way.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {

    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal refusal) {
        return problem(refusal.status(), refusal.getMessage());
    }

    /** Value types (ids, tenants, extensions) reject a malformed value with this, saying what was wrong. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badValue(IllegalArgumentException error) {
        return problem(HttpStatus.BAD_REQUEST, error.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException error) {
        return problem(HttpStatus.BAD_REQUEST, "the request body is not the expected JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException error) {
        return problem(HttpStatus.BAD_REQUEST, "'" + error.getValue() + "' is not a valid " + error.getName()
                + " (ISO-8601 instant expected for times)");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
