package io.mlpservice.serving;

import io.mlpservice.model.ModelRecord;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol (V2) of KServe, Triton and Seldon: server health and metadata,
 * model metadata and readiness, and inference, under {@code /v2}. A health or readiness answer is
 * 200 when true and 400 when false, as the protocol's probes read them. Errors are the protocol's
 * {@code {"error": "..."}} ({@link InferenceErrorResolver}), not problem+json. Left out of the
 * OpenAPI document of {@code /api}: the protocol has its own specification.
 */
@Hidden
@RestController
@RequestMapping(path = "/v2", produces = "application/json")
class InferenceController {

    private final InferenceService inference;
    private final ApplicationAvailability availability;

    InferenceController(InferenceService inference, ApplicationAvailability availability) {
        this.inference = inference;
        this.availability = availability;
    }

    @GetMapping
    Map<String, Object> server() {
        String version = InferenceController.class.getPackage().getImplementationVersion();
        return Map.of("name", "mlp-service", "version", version == null ? "development" : version,
                "extensions", List.of());
    }

    @GetMapping("/health/live")
    Map<String, Boolean> live() {
        return Map.of("live", true);
    }

    @GetMapping("/health/ready")
    ResponseEntity<Map<String, Boolean>> ready() {
        boolean ready = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        return ResponseEntity.status(ready ? 200 : 400).body(Map.of("ready", ready));
    }

    @GetMapping("/models/{name}")
    ModelMetadataResponse metadata(@PathVariable String name) {
        return inference.metadata(inference.resolve(name));
    }

    @GetMapping("/models/{name}/versions/{version}")
    ModelMetadataResponse metadata(@PathVariable String name, @PathVariable String version) {
        ModelRecord model = inference.resolve(name);
        inference.version(model, name, version);
        return inference.metadata(model);
    }

    @GetMapping("/models/{name}/ready")
    ResponseEntity<Map<String, Object>> modelReady(@PathVariable String name) {
        ModelRecord model = inference.resolve(name);
        return readiness(name, inference.ready(model));
    }

    @GetMapping("/models/{name}/versions/{version}/ready")
    ResponseEntity<Map<String, Object>> versionReady(@PathVariable String name, @PathVariable String version) {
        inference.version(inference.resolve(name), name, version);
        return readiness(name, true);
    }

    @PostMapping(path = "/models/{name}/infer", consumes = "application/json")
    InferenceResponse infer(@PathVariable String name, @RequestBody InferenceRequest request) {
        return inference.infer(inference.resolve(name), null, request);
    }

    @PostMapping(path = "/models/{name}/versions/{version}/infer", consumes = "application/json")
    InferenceResponse infer(@PathVariable String name, @PathVariable String version,
            @RequestBody InferenceRequest request) {
        ModelRecord model = inference.resolve(name);
        return inference.infer(model, inference.version(model, name, version).version(), request);
    }

    private static ResponseEntity<Map<String, Object>> readiness(String name, boolean ready) {
        return ResponseEntity.status(ready ? 200 : 400).body(Map.of("name", name, "ready", ready));
    }
}
