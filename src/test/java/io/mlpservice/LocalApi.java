package io.mlpservice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to a service that a test started on a local port, over real HTTP: what a client of the
 * service sends and sees, status, headers and body.
 */
public final class LocalApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An answer: its status, its body read as JSON (null when it is empty or not JSON), and the raw answer. */
    public record Reply(int status, JsonNode body, HttpResponse<String> raw) {

        /** The answer's {@code Content-Type}, or "" without one. */
        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    private LocalApi() {
    }

    /**
     * Sends a request to {@code http://localhost:<port><path>}, waiting 30 s at most.
     *
     * @param body        the body, or null for none
     * @param contentType the body's {@code Content-Type}
     */
    public static Reply send(int port, JsonMapper json, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode parsed = isJson && !response.body().isEmpty() ? json.readTree(response.body()) : null;
            return new Reply(response.statusCode(), parsed, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
