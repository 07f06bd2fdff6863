package io.mlpservice.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service on a random port with API keys on, as the dashboard meets it: one admin key
 * ({@link #KEY}, configured by its SHA-256). The test classes with this annotation share one
 * running service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlp.security.enabled=true",
    "mlp.security.api-keys[0].name=dashboard-admin",
    "mlp.security.api-keys[0].role=admin",
    "mlp.security.api-keys[0].sha256=" + DashboardService.KEY_SHA256
})
@interface DashboardService {

    String KEY = "dashboard-admin-key-5e1f0c";
    /** {@code printf %s KEY | sha256sum} */
    String KEY_SHA256 = "bde23644fadc50c4bd430af95e918a1a628f82ade43430a12450986c54426691";
}
