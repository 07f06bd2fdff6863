package io.mlpservice.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The service's OpenAPI document as the tests read it: its operations, their parameters, bodies
 * and answers, and the schemas behind {@code $ref}s. Whatever the document lists is tested; an
 * endpoint added later is covered without a test naming it.
 */
final class ApiDocument {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One operation: a method on a path template such as {@code /api/v1/models/{id}}. */
    record Operation(String path, String method, JsonNode node) {

        /** The parameters of a kind ({@code path}, {@code query}). */
        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            if (node.has("parameters")) {
                node.get("parameters").forEach(parameter -> {
                    if (in.equals(parameter.get("in").asString())) {
                        found.add(parameter);
                    }
                });
            }
            return found;
        }

        /** The JSON Pointer of the request body's schema, if the operation takes a JSON body. */
        Optional<String> bodySchemaPointer() {
            JsonNode content = node.path("requestBody").path("content");
            return content.has("application/json")
                    ? Optional.of(pointer() + "/requestBody/content/application~1json/schema") : Optional.empty();
        }

        /** Where the operation sits in the document, as a JSON Pointer. */
        String pointer() {
            return "/paths/" + escape(path) + "/" + method;
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();

    ApiDocument(JsonNode document) {
        this.document = document;
        document.get("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().get(method);
            if (operation != null) {
                operations.add(new Operation(path.getKey(), method, operation));
            }
        }));
    }

    JsonNode json() {
        return document;
    }

    List<Operation> operations() {
        return operations;
    }

    /** The methods the document gives the path template, upper case and sorted. */
    Set<String> methods(String path) {
        Set<String> methods = new TreeSet<>();
        operations.stream().filter(o -> o.path().equals(path))
                .forEach(o -> methods.add(o.method().toUpperCase(Locale.ROOT)));
        return methods;
    }

    /** The path template a concrete path matches, preferring the one with the most literal segments. */
    Optional<String> template(String concretePath) {
        return operations.stream().map(Operation::path).distinct()
                .filter(template -> Pattern.matches(template.replaceAll("\\{[^/]+}", "[^/]+"), concretePath))
                .max(java.util.Comparator.comparingLong(t -> t.chars().filter(c -> c == '{').count() * -1L));
    }

    /** The node at a JSON Pointer of the document. */
    JsonNode at(String pointer) {
        return document.at(pointer);
    }

    /** The schema itself, following {@code $ref}s within the document. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 16; hops++) {
            current = document.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    /** A path as a JSON Pointer token: {@code /} is {@code ~1}, {@code ~} is {@code ~0}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
