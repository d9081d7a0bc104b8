package io.ccagent.agent.web;

import io.ccagent.agent.agent.AgentRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every refused request answers an RFC 7807 problem with a sentence a person can read. */
@RestControllerAdvice
class ProblemDetails {

    @ExceptionHandler({AgentController.BadRequest.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body", "the request body is not the expected JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad parameter",
                "'" + e.getValue() + "' is not a valid " + e.getName() + " (ISO-8601 instant expected for times)");
    }

    @ExceptionHandler(AgentController.Forbidden.class)
    ProblemDetail forbidden(AgentController.Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, "Other tenant", e.getMessage());
    }

    @ExceptionHandler(AgentController.AgentNotFound.class)
    ProblemDetail notFound(AgentController.AgentNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown agent", e.getMessage());
    }

    @ExceptionHandler({AggregateNotFoundException.class, AgentRuleViolation.NotProvisioned.class})
    ProblemDetail unknownAgent(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown agent", e instanceof AgentRuleViolation
                ? e.getMessage() : "no agent " + ((AggregateNotFoundException) e).getAggregateIdentifier());
    }

    @ExceptionHandler(AgentRuleViolation.NotTheAgentsDevice.class)
    ProblemDetail notTheAgentsDevice(AgentRuleViolation e) {
        return problem(HttpStatus.NOT_FOUND, "Unknown phone", e.getMessage());
    }

    @ExceptionHandler(AgentRuleViolation.NotAQueueMember.class)
    ProblemDetail notAMember(AgentRuleViolation e) {
        return problem(HttpStatus.CONFLICT, "Not a member of the queue", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
