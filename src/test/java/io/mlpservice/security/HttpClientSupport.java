package io.mlpservice.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a running service, with or without an API key, for the security tests. */
final class HttpClientSupport {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    HttpClientSupport(int port) {
        this.base = "http://localhost:" + port;
    }

    String base() {
        return base;
    }

    /** A request builder for this path, with {@code Authorization: Bearer key} when a key is given. */
    HttpRequest.Builder request(String path, String bearerKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearerKey != null) {
            request.header("Authorization", "Bearer " + bearerKey);
        }
        return request;
    }

    /** Sends a method with an optional JSON body and an optional bearer key. */
    HttpResponse<String> send(String method, String path, String bearerKey, String jsonBody) {
        HttpRequest.Builder request = request(path, bearerKey);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
