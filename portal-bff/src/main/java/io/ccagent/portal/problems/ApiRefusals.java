package io.ccagent.portal.problems;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every refusal of the portal's JSON API as a problem detail whose {@code detail} is a sentence the page can show
 * ("wrapUpSeconds must be greater than or equal to 0", "priority: 1.5 is not a whole number"), never Spring's bare
 * error body. The portal's own {@code ResponseStatusException}s keep their reason as the detail.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiRefusals extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException error,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = error.getBindingResult().getAllErrors().stream()
                .map(problem -> problem instanceof FieldError field
                        ? field.getField() + " " + field.getDefaultMessage() : problem.getDefaultMessage())
                .sorted().collect(Collectors.joining("; "));
        return refuse(detail, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException error,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        String detail = error.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        // a @Valid body's errors are field errors; a path variable's are about its value
                        .map(problem -> problem instanceof FieldError field ? field.getField() + " " + message(field)
                                : result.getMethodParameter().getParameterName() + " '" + result.getArgument() + "' "
                                + message(problem)))
                .sorted().collect(Collectors.joining("; "));
        return refuse(detail, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException error,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return refuse(unreadable(error.getMostSpecificCause()), headers);
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
            if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
                return field(invalid) + value + " is not a whole number";
            }
            return field(invalid) + value + " is not a valid value";
        }
        if (cause instanceof MismatchedInputException mismatched) {
            Class<?> target = mismatched.getTargetType();
            if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
                return field(mismatched) + "must be a whole number";
            }
            return field(mismatched) + "has the wrong type of value";
        }
        return "The request body is not the expected JSON.";
    }

    private static String field(JacksonException error) {
        String path = error.getPath().stream().map(reference -> reference.getPropertyName() != null
                ? reference.getPropertyName() : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String message(MessageSourceResolvable problem) {
        return problem.getDefaultMessage() == null ? "is not valid" : problem.getDefaultMessage();
    }

    private static ResponseEntity<Object> refuse(String detail, HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Not accepted");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }
}
