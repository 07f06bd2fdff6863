package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.MDC;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The request id in the logging context for exactly the time of the request, and what the log line may show. */
@ExtendWith(OutputCaptureExtension.class)
class RequestLogFilterTests {

    private final RequestLogFilter filter = new RequestLogFilter();

    @Test
    void theIdIsInTheLoggingContextWhileTheRequestIsServedAndGoneAfterwards() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/models");
        request.addHeader("X-Request-Id", "abc-123");
        MockHttpServletResponse response = new MockHttpServletResponse();
        List<String> seen = new ArrayList<>();
        filter.doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req,
                    jakarta.servlet.http.HttpServletResponse res) {
                seen.add(MDC.get("requestId"));
            }
        }));
        assertThat(seen).containsExactly("abc-123");
        assertThat(MDC.get("requestId")).isNull();
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("abc-123");
    }

    @Test
    void theLineShowsTheNamesOfTheQueryParametersButNotTheirValues() {
        assertThat(RequestLogFilter.describe("/api/v1/models/7/loss-history", "jobId=42&from=10&limit"))
                .isEqualTo("/api/v1/models/7/loss-history?jobId&from&limit");
        assertThat(RequestLogFilter.describe("/api/v1/models", null)).isEqualTo("/api/v1/models");
    }

    @Test
    void aLongPathIsCutTo256CharactersAndSaysHowLongItWas() {
        String path = "/api/v1/models/" + "x".repeat(7000);
        assertThat(RequestLogFilter.describe(path, null)).hasSize(256 + " (7015 characters)".length() + 1)
                .endsWith("x… (7015 characters)");
    }

    @Test
    void theTimeTakenIsInMillisecondsWithThreeDecimals() {
        assertThat(RequestLogFilter.milliseconds(0)).isEqualTo("0.000");
        assertThat(RequestLogFilter.milliseconds(7)).isEqualTo("0.007");
        assertThat(RequestLogFilter.milliseconds(45)).isEqualTo("0.045");
        assertThat(RequestLogFilter.milliseconds(100)).isEqualTo("0.100");
        assertThat(RequestLogFilter.milliseconds(1_000)).isEqualTo("1.000");
        assertThat(RequestLogFilter.milliseconds(41_367)).isEqualTo("41.367");
        assertThat(RequestLogFilter.milliseconds(12_345_678)).isEqualTo("12345.678");
    }

    @Test
    void anIdIsAcceptedOnlyIfShortAndPrintable() {
        assertThat(RequestLogFilter.acceptable("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
        assertThat(RequestLogFilter.acceptable("x".repeat(128))).isTrue();
        assertThat(RequestLogFilter.acceptable("x".repeat(129))).isFalse();
        assertThat(RequestLogFilter.acceptable("two words")).isFalse();
        assertThat(RequestLogFilter.acceptable("line\nbreak")).isFalse();
        assertThat(RequestLogFilter.acceptable("caf\u00e9")).isFalse();
        assertThat(RequestLogFilter.acceptable("")).isFalse();
    }

    @Test
    void aRequestThatReachesOnlyTheErrorPageIsLoggedOnceWithItsOwnPath(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/models/%zz");
        request.addHeader("X-Request-Id", "tomcat-400");
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(400);
        filter.doFilter(request, response, new MockFilterChain());
        filter.doFilter(request, response, new MockFilterChain());
        assertThat(output.getOut().lines().filter(line -> line.contains("GET /api/v1/models/%zz 400"))).hasSize(1);
    }
}
