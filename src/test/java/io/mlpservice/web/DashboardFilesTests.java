package io.mlpservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard's files are served from the jar without a key, the chart library from its webjar
 * (nothing from a CDN), each with its content type; the page names no other host.
 */
@DashboardService
class DashboardFilesTests {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageItsScriptsAndTheChartLibraryAreServedWithoutAKey() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<title>mlp-service</title>", "/webjars/uplot/dist/uPlot.iife.min.js",
                "/dashboard/dashboard.js");
        assertThat(page.body()).doesNotContain("http://", "https://");
        for (String script : new String[] {"/dashboard/dashboard.js", "/dashboard/api.js", "/dashboard/chart.js",
                "/dashboard/tables.js", "/webjars/uplot/dist/uPlot.iife.min.js"}) {
            HttpResponse<String> file = get(script);
            assertThat(file.statusCode()).as(script).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).as(script).startsWith("text/javascript");
        }
        assertThat(get("/webjars/uplot/dist/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(get("/webjars/uplot/dist/uPlot.min.css").headers().firstValue("Content-Type").orElse(""))
                .startsWith("text/css");
        assertThat(get("/dashboard/icon.svg").headers().firstValue("Content-Type").orElse(""))
                .startsWith("image/svg+xml");
        assertThat(get("/api/v1/models").statusCode()).isEqualTo(401);
    }
}
