package io.mlpservice.config;

import io.mlpservice.model.HiddenLayerRequest;
import io.mlpservice.training.ClassWeightsRequest;
import io.mlpservice.training.TargetRows;
import io.mlpservice.model.PredictionResponse;
import io.mlpservice.web.ClassLabel;
import io.mlpservice.web.NumberMatrix;
import io.mlpservice.web.ProblemResponses;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's info block, the JSON shapes of the custom wire types, the error
 * responses every operation shares (400 for a URL the server refuses, 413 and 415 for a body, 500),
 * and what annotations cannot say: nullable fields written as JSON Schema 2020-12 understands
 * them ({@link OpenApiSchemas#nullableAsJsonSchema}), the configured limits, and that a model
 * needs {@code classes} or {@code outputSize}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(NumberMatrix.class, new ArraySchema()
                        .items(new ArraySchema().items(new NumberSchema().format("float")))
                        .description("Rows of finite numbers, each an array"))
                .replaceWithSchema(PredictionResponse.Rows.class, new ArraySchema()
                        .items(new Schema<>().$ref("#/components/schemas/Prediction"))
                        .description("One answer per input row, in order"))
                .replaceWithSchema(ClassLabel.class, new Schema<>()
                        .oneOf(List.of(new StringSchema().description("class name"),
                                new IntegerSchema().description("class index").minimum(BigDecimal.ZERO))))
                .replaceWithSchema(TargetRows.class, new ArraySchema()
                        .items(new Schema<>().oneOf(List.of(
                                new NumberSchema().format("float").description("the one target of a row"),
                                new ArraySchema().items(new NumberSchema().format("float"))
                                        .description("the outputSize targets of a row")))))
                .replaceWithSchema(ClassWeightsRequest.class, new Schema<>()
                        .oneOf(List.of(new StringSchema()._enum(List.of("balanced"))
                                        .description("rows / (classes × rows of the class), as scikit-learn's"),
                                new ObjectSchema().additionalProperties(new NumberSchema())
                                        .description("class name to weight; a class left out weighs 1"))))
                .replaceWithSchema(HiddenLayerRequest.class, new Schema<>()
                        .oneOf(List.of(new IntegerSchema().description("units").minimum(BigDecimal.ONE),
                                new ObjectSchema()
                                        .addProperty("units", new IntegerSchema().description("units of the layer")
                                                .minimum(BigDecimal.ONE))
                                        .addProperty("activation", new StringSchema()
                                                .description("activation of the layer; default: the model's")
                                                ._enum(List.of("relu", "sigmoid", "tanh", "identity", "leaky_relu",
                                                        "elu", "gelu")))
                                        .addProperty("dropout", new NumberSchema()
                                                .description("fraction of the units dropped in each training step, "
                                                        + "in [0, 1); default: 0"))
                                        .required(List.of("units")))));
    }

    @Bean
    OpenAPI mlpServiceOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("mlp-service")
                        .version("v1")
                        .description("Train multi-layer perceptrons asynchronously and serve their predictions. "
                                + "Create a model, submit a training job with data and hyperparameters, follow the "
                                + "job and the loss history epoch by epoch, then ask for predictions with class "
                                + "probabilities. Every error is an RFC 9457 problem (application/problem+json). "
                                + "Request bodies are read strictly: a field of the wrong JSON type, an unknown "
                                + "field, a field given twice and `null` are refused (leave an optional field out "
                                + "to take its default).")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().schemas(schemas(ProblemResponses.Problem.class)));
    }

    @Bean
    OpenApiCustomizer sharedErrorResponses() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            var responses = operation.getResponses();
            responses.putIfAbsent("400", problem("A URL the server refuses: an escape that is not %XX, an encoded "
                    + "NUL or slash, a character that must be percent-encoded, a parameter of the wrong form"));
            if (operation.getRequestBody() != null) {
                responses.putIfAbsent("413", problem("Request body over the limit (mlp.limits.max-request-size)"));
                responses.putIfAbsent("415", problem("Content-Type is not application/json"));
            }
            responses.putIfAbsent("500", problem("Unexpected server error; no details are disclosed"));
        }));
    }

    /**
     * The document's schemas made to say what the service does. The answer of one prediction row
     * is added here rather than in the {@code OpenAPI} bean: springdoc copies that bean through a
     * plain Jackson mapper, which cannot read back the schema of its {@code probabilities} map.
     */
    @Bean
    OpenApiCustomizer truthfulSchemas(MlpServiceProperties properties) {
        return openApi -> {
            schemas(PredictionResponse.Prediction.class).forEach(openApi.getComponents()::addSchemas);
            OpenApiSchemas.nullableAsJsonSchema(openApi);
            OpenApiSchemas.limits(openApi, properties.limits());
            OpenApiSchemas.classesOrOutputSize(openApi);
        };
    }

    /**
     * Components no operation names by type: the problem body, and the answer of one row that a
     * prediction's answer writes by itself ({@link PredictionResponse.Rows}).
     */
    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> schemas(Class<?>... types) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (Class<?> type : types) {
            schemas.putAll(ModelConverters.getInstance().read(type));
        }
        return schemas;
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
