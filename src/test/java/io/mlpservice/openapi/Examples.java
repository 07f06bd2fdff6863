package io.mlpservice.openapi;

import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid value for a schema of the document: its example where it gives one (the examples are
 * meant to be sent from Swagger UI as they are), else one built from the schema: every required
 * property and every one with an example, one element an array, the first alternative of a
 * choice, the first value of an enum, the minimum of a number.
 */
final class Examples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Examples() {
    }

    static JsonNode of(ApiDocument document, JsonNode schema, SplittableRandom random) {
        return build(document, document.resolve(schema), random, 0);
    }

    private static JsonNode build(ApiDocument document, JsonNode schema, SplittableRandom random, int depth) {
        if (schema == null || depth > 8) {
            return NODES.nullNode();
        }
        if (schema.has("example")) {
            return schema.get("example").deepCopy();
        }
        if (schema.has("examples") && schema.get("examples").isArray() && !schema.get("examples").isEmpty()) {
            return schema.get("examples").get(0).deepCopy();
        }
        for (String choice : new String[] {"oneOf", "anyOf"}) {
            if (schema.has(choice) && !schema.has("properties")) {
                return build(document, document.resolve(schema.get(choice).get(0)), random, depth + 1);
            }
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        return switch (type(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                JsonNode required = schema.path("required");
                schema.path("properties").properties().forEach(property -> {
                    JsonNode propertySchema = document.resolve(property.getValue());
                    boolean needed = required.isArray() && required.valueStream()
                            .anyMatch(name -> name.asString().equals(property.getKey()));
                    if (needed || property.getValue().has("example") || propertySchema.has("properties")) {
                        object.set(property.getKey(), build(document, propertySchema, random, depth + 1));
                    }
                });
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int count = Math.max(1, schema.path("minItems").asInt(1));
                for (int i = 0; i < count; i++) {
                    array.add(build(document, document.resolve(schema.get("items")), random, depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1));
            case "number" -> NODES.numberNode(schema.has("minimum") ? schema.get("minimum").asDouble() : 0.5);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.stringNode("s");
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asString())) {
                    return t.asString();
                }
            }
        }
        return type.isString() ? type.asString() : schema.has("properties") ? "object" : "string";
    }
}
