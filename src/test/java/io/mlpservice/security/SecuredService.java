package io.mlpservice.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port with keys asked, as deployed: the four {@link TestKeys},
 * one allowed cross-origin, a 64 KB body limit, no storage directory, and the Prometheus endpoint
 * (which tests leave out unless asked). Every test class with
 * this annotation shares one running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlp.security.enabled=true",
    "mlp.storage.dir=",
    "mlp.limits.max-request-size=64KB",
    "mlp.security.cors.allowed-origins=" + TestKeys.ALLOWED_ORIGIN,
    "mlp.security.api-keys[0].name=ci-predictor",
    "mlp.security.api-keys[0].role=predictor",
    "mlp.security.api-keys[0].sha256=" + TestKeys.PREDICTOR_SHA256,
    "mlp.security.api-keys[1].name=ci-trainer",
    "mlp.security.api-keys[1].role=trainer",
    "mlp.security.api-keys[1].sha256=" + TestKeys.TRAINER_SHA256,
    "mlp.security.api-keys[2].name=ci-trainer-next",
    "mlp.security.api-keys[2].role=TRAINER",
    "mlp.security.api-keys[2].sha256=" + TestKeys.TRAINER_NEXT_SHA256,
    "mlp.security.api-keys[3].name=ops-admin",
    "mlp.security.api-keys[3].role=admin",
    "mlp.security.api-keys[3].sha256=" + TestKeys.ADMIN_SHA256
})
@interface SecuredService {
}
