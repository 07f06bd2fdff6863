package io.mlpservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of a job's event stream over real HTTP, parsing {@code text/event-stream} as a browser
 * does (fields up to a blank line make an event) and handing each event to the test as it
 * arrives; the stream's end is a {@code closed} event.
 */
final class EventStreamClient implements AutoCloseable {

    /** One event as received; {@code data} is null for {@code closed}. */
    record Event(String name, String id, JsonNode data) {
    }

    private final LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final JsonMapper json;

    EventStreamClient(int port, String jobId, String lastEventId, JsonMapper json) {
        this.json = json;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/training-jobs/" + jobId + "/events")).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(this::read);
    }

    private void read(HttpResponse<Stream<String>> answer) {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = answer.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        received.add(new Event(name, id, json.readTree(data.toString())));
                    }
                    name = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // the test closed the connection
        }
        received.add(new Event("closed", null, null));
    }

    HttpResponse<Stream<String>> response() throws Exception {
        return response.get(30, TimeUnit.SECONDS);
    }

    /** The next event, waiting for it. */
    Event next() throws InterruptedException {
        Event event = received.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("no event within 30 s").isNotNull();
        return event;
    }

    /** Every event up to and including {@code closed}. */
    List<Event> untilClosed() throws InterruptedException {
        List<Event> events = new ArrayList<>();
        Event event;
        do {
            event = next();
            events.add(event);
        } while (!event.name().equals("closed"));
        return events;
    }

    /** Waits for the events up to the first with the given name, which it returns. */
    Event until(String name) throws InterruptedException {
        Event event;
        do {
            event = next();
        } while (!event.name().equals(name));
        return event;
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
