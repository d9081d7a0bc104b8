package io.ccagent.portal.problems;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text people will read elsewhere (names, targets): no control characters and no invisible format characters such
 * as right-to-left overrides, which would make a name display as something else on every page that shows it.
 */
@Documented
@Pattern(regexp = "[^\\p{Cc}\\p{Cf}]*")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters or text-direction overrides";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
