package io.ccagent.portal.problems;

import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The refusals Spring MVC makes by itself on the JSON API (405, 415, a missing parameter, ...) as problem details, as
 * {@code spring.mvc.problemdetails} gives the other services; for the API only, so the pages keep their error pages.
 * Every refusal with a sentence of the portal's own (its refusals, bad values, invalid or unreadable bodies) is
 * answered ahead of this by the {@code bad-input} module's one advice, the same way in every service.
 */
@RestControllerAdvice(annotations = RestController.class)
class FrameworkRefusals extends ResponseEntityExceptionHandler {
}
