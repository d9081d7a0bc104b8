package io.ccagent.badinput.http;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefusalTest {

    @Test
    void eachRefusalCarriesItsStatus() {
        assertThat(new BadRequest("x").status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(new Unauthorized("x").status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(new Forbidden("x").status()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(new NotFound("x").status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(new Conflict("x").status()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aRefusalIsAClientError() {
        assertThatThrownBy(() -> new Refusal(HttpStatus.INTERNAL_SERVER_ERROR, "boom") { })
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAdviceAnswersTheStatusWithItsStandardTitleAndTheReadableDetail() {
        var problem = new ProblemAdvice().refused(new Conflict("a rebuild is running"));

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getTitle()).isEqualTo("Conflict");
        assertThat(problem.getDetail()).isEqualTo("a rebuild is running");
    }
}
