package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Assertions on RFC 9457 problem bodies, shared by the web-layer tests. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /**
     * The response is {@code application/problem+json} with this status, type (after
     * {@code urn:mlp-service:problem:}) and detail, a title, and the request path as instance.
     */
    public static void assertProblem(MvcTestResult result, int status, String type, String detail) {
        assertThat(result).hasStatus(status);
        assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:mlp-service:problem:" + type);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
        assertThat(result).bodyJson().extractingPath("$.title").asString().isNotBlank();
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail);
        assertThat(result).bodyJson().extractingPath("$.instance")
                .isEqualTo(result.getMvcResult().getRequest().getRequestURI());
        assertThat(result.getMvcResult().getResponse().getContentAsByteArray().length).isPositive();
    }

    /** As {@link #assertProblem}, for 400 with the violation listed in {@code errors}. */
    public static void assertInvalid(MvcTestResult result, String field, String detail) {
        assertProblem(result, 400, "invalid-input", detail);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
        assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo(detail);
    }
}
