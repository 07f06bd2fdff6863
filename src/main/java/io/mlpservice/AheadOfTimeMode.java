package io.mlpservice;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.SpringProperties;
import org.springframework.util.ClassUtils;

/**
 * Starts the packaged service from the application context its build prepared ahead of time
 * (Spring AOT: the bean definitions as generated code, in the jar), which saves scanning the
 * classes and evaluating the auto-configurations' conditions at every start. It decides once the
 * environment is known, and turns the mode on ({@value AotDetector#AOT_ENABLED}) only when:
 * <ul>
 *   <li>no one chose already: {@code -Dspring.aot.enabled=false} starts the usual way;</li>
 *   <li>the generated initializer is there and the classes come from a jar: classes read from a
 *       directory ({@code ./mvnw spring-boot:run}, an IDE) may have changed since the last
 *       package, and generated code older than them would start a different application;</li>
 *   <li>the cluster mode is off: its Hazelcast member comes from conditions, which the build
 *       evaluated with the cluster off, so a cluster member starts the usual way.</li>
 * </ul>
 * Spring Boot's start-up line then says "Starting AOT-processed MlpServiceApplication".
 */
final class AheadOfTimeMode implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Class<?> application = event.getSpringApplication().getMainApplicationClass();
        boolean cluster = event.getEnvironment().getProperty("mlp.cluster.enabled", Boolean.class, false);
        if (application != null && applies(SpringProperties.getProperty(AotDetector.AOT_ENABLED) != null,
                generatedInitializerPresent(application), readFromDirectory(application), cluster)) {
            System.setProperty(AotDetector.AOT_ENABLED, "true");
        }
    }

    /** Whether the ahead-of-time context applies; see the type's comment for each reason. */
    static boolean applies(boolean chosen, boolean initializerPresent, boolean fromDirectory, boolean cluster) {
        return !chosen && initializerPresent && !fromDirectory && !cluster;
    }

    static boolean generatedInitializerPresent(Class<?> application) {
        return ClassUtils.isPresent(application.getName() + "__ApplicationContextInitializer",
                application.getClassLoader());
    }

    /** True when the class was read from a directory of class files rather than from a jar. */
    static boolean readFromDirectory(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return false;
        }
        try {
            return Files.isDirectory(Path.of(location.toURI()));
        } catch (URISyntaxException | IllegalArgumentException unreadable) {
            return false;
        }
    }
}
