package io.mlpservice.config;

import io.mlpservice.model.HiddenLayerRequest;
import io.mlpservice.training.ClassWeightsRequest;
import io.mlpservice.training.TargetRows;
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
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's info block, the JSON shapes of the custom wire types, and the error
 * responses every operation shares (413, 415, 500 with the problem+json schema).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig()
                .replaceWithSchema(NumberMatrix.class, new ArraySchema()
                        .items(new ArraySchema().items(new NumberSchema().format("float")))
                        .description("Rows of finite numbers, each an array"))
                .replaceWithSchema(ClassLabel.class, new Schema<>()
                        .oneOf(List.of(new StringSchema().description("class name"),
                                new IntegerSchema().description("class index").minimum(java.math.BigDecimal.ZERO))))
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
                        .oneOf(List.of(new IntegerSchema().description("units").minimum(java.math.BigDecimal.ONE),
                                new ObjectSchema()
                                        .addProperty("units", new IntegerSchema().description("units of the layer")
                                                .minimum(java.math.BigDecimal.ONE))
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
                                + "probabilities. Every error is an RFC 9457 problem (application/problem+json).")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().schemas(
                        ModelConverters.getInstance().read(ProblemResponses.Problem.class)));
    }

    @Bean
    OpenApiCustomizer sharedErrorResponses() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            var responses = operation.getResponses();
            if (operation.getRequestBody() != null) {
                responses.putIfAbsent("413", problem("Request body over the limit (mlp.limits.max-request-size)"));
                responses.putIfAbsent("415", problem("Content-Type is not application/json"));
            }
            responses.putIfAbsent("500", problem("Unexpected server error; no details are disclosed"));
        }));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    }
}
