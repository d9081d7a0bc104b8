package io.ccagent.portal.backend;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Turns backend failures into problem details for the browser: a 4xx from a service is passed on with its
 * readable detail; an unreachable or failing service becomes 502/503 without leaking internals.
 */
@RestControllerAdvice
class BackendErrors {

    private static final Logger log = LoggerFactory.getLogger(BackendErrors.class);

    @ExceptionHandler(RestClientResponseException.class)
    ProblemDetail refused(RestClientResponseException error) {
        if (error.getStatusCode().is4xxClientError()) {
            JsonNode problem = error.getResponseBodyAs(JsonNode.class);
            String detail = problem != null && problem.hasNonNull("detail") ? problem.get("detail").asString()
                    : error.getStatusText();
            return ProblemDetail.forStatusAndDetail(error.getStatusCode(), detail);
        }
        log.warn("backend failed: {} {}", error.getStatusCode(), error.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "A backend service failed; try again.");
    }

    @ExceptionHandler(ResourceAccessException.class)
    ProblemDetail unreachable(ResourceAccessException error) {
        log.warn("backend unreachable: {}", error.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "A backend service is not reachable right now; try again in a moment.");
    }
}
