package io.ccagent.stats.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 7807 answers for refused requests. */
@RestControllerAdvice
class Problems {

    @ExceptionHandler(BadRequest.class)
    ProblemDetail badRequest(BadRequest error) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", error.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict error) {
        return problem(HttpStatus.CONFLICT, "Conflict", error.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
