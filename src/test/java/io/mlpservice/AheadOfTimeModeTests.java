package io.mlpservice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

/**
 * When the service starts from the context its build prepared: only from a jar that holds the
 * generated initializer, with the cluster off and no explicit choice. The packaged jar's own start
 * in that mode is checked by {@code PlainJavaJarIT}.
 */
class AheadOfTimeModeTests {

    @Test
    void appliesOnlyWithTheInitializerFromAJarWithTheClusterOffAndNoChoiceMade() {
        assertThat(AheadOfTimeMode.applies(false, true, false, false)).isTrue();
        assertThat(AheadOfTimeMode.applies(true, true, false, false)).as("spring.aot.enabled already set").isFalse();
        assertThat(AheadOfTimeMode.applies(false, false, false, false)).as("no generated initializer").isFalse();
        assertThat(AheadOfTimeMode.applies(false, true, true, false)).as("classes from a directory").isFalse();
        assertThat(AheadOfTimeMode.applies(false, true, false, true)).as("cluster mode").isFalse();
    }

    @Test
    void tellsClassesReadFromADirectoryFromClassesInAJar() {
        assertThat(AheadOfTimeMode.readFromDirectory(AheadOfTimeModeTests.class)).isTrue();
        assertThat(AheadOfTimeMode.readFromDirectory(SpringApplication.class)).isFalse();
        assertThat(AheadOfTimeMode.readFromDirectory(String.class)).isFalse();
    }

    @Test
    void leavesTheUsualStartForAnApplicationReadFromADirectory() {
        String before = System.getProperty("spring.aot.enabled");
        SpringApplication application = new SpringApplication(AheadOfTimeModeTests.class);
        application.setMainApplicationClass(AheadOfTimeModeTests.class);
        new AheadOfTimeMode().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                application, new String[0], new MockEnvironment()));
        assertThat(System.getProperty("spring.aot.enabled")).isEqualTo(before);
    }
}
