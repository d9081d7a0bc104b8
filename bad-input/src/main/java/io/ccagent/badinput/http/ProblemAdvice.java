package io.ccagent.badinput.http;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every refused request of every service answers an RFC 9457 problem detail: {@code type} about:blank, the status's
 * standard phrase as {@code title} (as the 401/403 of service-identity), and a {@code detail} a page can show as it
 * is: which field holds which wrong value and what it should be ("wrapUpSeconds must be greater than or equal to 0",
 * "priority: '1.5' is not a whole number"). Ahead of Spring's own problem-details handler, which answers the
 * framework's other refusals (405, 415, ...) the same way.
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
        return problem(HttpStatus.BAD_REQUEST, unreadable(error.getMostSpecificCause()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException error) {
        return problem(HttpStatus.BAD_REQUEST, "'" + error.getValue() + "' is not a valid " + error.getName()
                + " (ISO-8601 instant expected for times)");
    }

    /** A {@code @Valid} body: every field that breaks its constraint, with the constraint's message. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException error) {
        return problem(HttpStatus.BAD_REQUEST, error.getBindingResult().getAllErrors().stream()
                .map(problem -> problem instanceof FieldError field
                        ? field.getField() + " " + field.getDefaultMessage() : problem.getDefaultMessage())
                .sorted().collect(Collectors.joining("; ")));
    }

    /** Constraints on a handler's parameters: a {@code @Valid} body's field errors, or a path variable's value. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException error) {
        return problem(HttpStatus.BAD_REQUEST, error.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(problem -> problem instanceof FieldError field ? field.getField() + " " + message(field)
                                : result.getMethodParameter().getParameterName() + " '" + result.getArgument() + "' "
                                + message(problem)))
                .sorted().collect(Collectors.joining("; ")));
    }

    /** Says which field holds which wrong value, and what it should be. */
    static String unreadable(Throwable cause) {
        if (cause instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            String value = "'" + invalid.getValue() + "'";
            if (target != null && target.isEnum()) {
                return field(invalid) + value + " is not one of " + Arrays.stream(target.getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "));
            }
            if (isWholeNumber(target)) {
                return field(invalid) + value + " is not a whole number";
            }
            return field(invalid) + value + " is not a valid value";
        }
        if (cause instanceof MismatchedInputException mismatched) {
            return field(mismatched) + (isWholeNumber(mismatched.getTargetType()) ? "must be a whole number"
                    : "has the wrong type of value");
        }
        return "the request body is not the expected JSON";
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    private static String field(JacksonException error) {
        String path = error.getPath().stream().map(reference -> reference.getPropertyName() != null
                ? reference.getPropertyName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String message(MessageSourceResolvable problem) {
        return problem.getDefaultMessage() == null ? "is not valid" : problem.getDefaultMessage();
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
