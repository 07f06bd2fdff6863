package io.mlpservice.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Edits of the generated OpenAPI schemas, so that the document says exactly what the service
 * does and a JSON Schema validator can hold every answer to it.
 */
final class OpenApiSchemas {

    private static final String NULL = "null";

    private OpenApiSchemas() {
    }

    /**
     * Every property marked nullable ({@code nullable = true} or a {@code "null"} type) as JSON
     * Schema 2020-12 reads it: {@code "null"} among the types, and among the values of an enum;
     * a reference to another schema becomes {@code anyOf: [{$ref}, {type: null}]}, since a
     * {@code $ref} beside {@code type} would still demand an object.
     */
    static void nullableAsJsonSchema(OpenAPI openApi) {
        Map<String, Schema> schemas = schemas(openApi);
        for (Schema<?> schema : schemas.values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                continue;
            }
            Map<String, Schema> rewritten = new LinkedHashMap<>();
            properties.forEach((name, property) -> rewritten.put(name, nullable(property)));
            schema.setProperties(rewritten);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        Set<String> types = property.getTypes() != null ? new LinkedHashSet<>(property.getTypes())
                : property.getType() != null ? new LinkedHashSet<>(List.of(property.getType())) : new LinkedHashSet<>();
        boolean nullable = Boolean.TRUE.equals(property.getNullable()) || types.contains(NULL);
        if (!nullable) {
            return property;
        }
        property.setNullable(null);
        if (property.get$ref() != null) {
            Schema anyOf = new Schema().anyOf(List.of(new Schema().$ref(property.get$ref()),
                    new Schema().types(new LinkedHashSet<>(List.of(NULL)))));
            anyOf.setDescription(property.getDescription());
            return anyOf;
        }
        types.add(NULL);
        property.setType(null);
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List values = new ArrayList<>(property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
        return property;
    }

    /** The limits of the configuration where the service applies them, so that they are read as they are set. */
    @SuppressWarnings("rawtypes")
    static void limits(OpenAPI openApi, MlpServiceProperties.Limits limits) {
        Map<String, Schema> schemas = schemas(openApi);
        BigDecimal units = BigDecimal.valueOf(limits.maxLayerUnits());
        property(schemas, "CreateModelRequest", "inputSize").setMaximum(units);
        property(schemas, "CreateModelRequest", "outputSize").setMaximum(units);
        Schema hidden = property(schemas, "CreateModelRequest", "hiddenLayers");
        hidden.setMaxItems(limits.maxHiddenLayers());
        if (hidden.getItems() != null) {
            hidden.getItems().setMaximum(units);
        }
        Schema classes = property(schemas, "CreateModelRequest", "classes");
        classes.setMinItems(2);
        classes.setMaxItems(limits.maxLayerUnits());
        property(schemas, "TrainingJobRequest", "epochs").setMaximum(BigDecimal.valueOf(limits.maxEpochs()));
        Schema inputs = property(schemas, "PredictionRequest", "inputs");
        inputs.setMinItems(1);
        inputs.setMaxItems(limits.maxPredictionRows());
    }

    /**
     * A classifier needs {@code classes}, or {@code outputSize} for unnamed classes: at least one
     * of the two; a regression ({@code task: regression}) needs neither ({@code outputSize}
     * defaults to 1).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void classesOrOutputSize(OpenAPI openApi) {
        Schema create = schemas(openApi).get("CreateModelRequest");
        if (create != null) {
            Schema regression = new Schema().required(List.of("task"));
            regression.addProperty("task", new Schema()._const("regression"));
            create.setAnyOf(List.of(new Schema().required(List.of("classes")),
                    new Schema().required(List.of("outputSize")), regression));
        }
    }

    /** The property's schema; a detached one when the document lacks it (a test of the document notices). */
    @SuppressWarnings("rawtypes")
    private static Schema property(Map<String, Schema> schemas, String schema, String property) {
        Schema owner = schemas.get(schema);
        Object found = owner == null || owner.getProperties() == null ? null : owner.getProperties().get(property);
        return found instanceof Schema existing ? existing : new Schema();
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> schemas(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return Map.of();
        }
        return openApi.getComponents().getSchemas();
    }
}
