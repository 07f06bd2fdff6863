package io.mlpservice.openapi;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds an answer of the service to what the OpenAPI document says of it: the status is one the
 * operation lists, the media type one it lists for that status, and the body valid against the
 * schema given there (JSON Schema 2020-12 in OpenAPI 3.1's dialect, formats asserted) when it is
 * JSON; a body of another media type (ONNX bytes, a server-sent event stream) is only checked for
 * its media type. A problem is also checked against the {@code Problem} schema whatever the operation.
 */
final class AnswerValidator {

    /** Where the document is registered for the validator, so that its {@code $ref}s resolve. */
    private static final String DOCUMENT_IRI = "https://mlp-service.test/v3/api-docs";
    static final String PROBLEM = "/components/schemas/Problem";

    private final ApiDocument document;
    private final JsonMapper json;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    AnswerValidator(ApiDocument document, JsonMapper json) {
        this.document = document;
        this.json = json;
        String text = json.writeValueAsString(document.json());
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, text)));
    }

    /** What is wrong with the body against the schema at the pointer; empty when it fits. */
    List<String> check(String schemaPointer, JsonNode body) {
        Schema schema = schemas.computeIfAbsent(schemaPointer,
                pointer -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer)));
        return schema.validate(body, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream().map(error -> schemaPointer + ": " + error).toList();
    }

    /** What is wrong with an answer to the operation; empty when the document describes it exactly. */
    List<String> check(ApiDocument.Operation operation, int status, String contentType, String body) {
        List<String> wrong = new ArrayList<>();
        JsonNode responses = operation.node().get("responses");
        String key = responses.has(Integer.toString(status)) ? Integer.toString(status)
                : responses.has("default") ? "default" : null;
        if (key == null) {
            wrong.add(operation + " answered " + status + ", which the document does not list: "
                    + responses.propertyNames());
            return wrong;
        }
        JsonNode content = responses.get(key).path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                wrong.add(operation + " " + status + " has a body where the document gives none");
            }
            return wrong;
        }
        if (body == null || body.isEmpty() || "HEAD".equals(operation.method().toUpperCase(Locale.ROOT))) {
            return wrong;
        }
        String media = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String documented = content.has(media) ? media : content.has("*/*") ? "*/*" : null;
        if (documented == null) {
            wrong.add(operation + " " + status + " answered " + media + "; the document lists "
                    + content.propertyNames());
            return wrong;
        }
        if (!documented.endsWith("json") && !documented.equals("*/*")) {
            // bytes (ONNX) or a text stream (server-sent events): the document's schema is a string,
            // which any body is; their content is the business of the test that asked for them
            return wrong;
        }
        String pointer = operation.pointer() + "/responses/" + key + "/content/" + ApiDocument.escape(documented)
                + "/schema";
        wrong.addAll(check(pointer, json.readTree(body)));
        return wrong;
    }
}
