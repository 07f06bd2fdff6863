package io.mlpservice.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, found on the PATH, driven headless by
 * Selenium with no driver download. Where they are missing the browser tests are skipped with a
 * message saying how to install them, unless {@code MLP_REQUIRE_BROWSER=true} (set by
 * {@code .ci/run} where it can install them): then they fail, so that CI never skips them unseen.
 */
final class HeadlessChromium {

    static final String REQUIRE = "MLP_REQUIRE_BROWSER";

    private HeadlessChromium() {
    }

    private static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }

    /** A new headless browser, or the test skipped (or failed, when the browser is required). */
    static ChromeDriver start(int width, int height) {
        Optional<Path> browser = find("chromium");
        Optional<Path> driver = find("chromedriver");
        if (browser.isEmpty() || driver.isEmpty()) {
            String message = "Headless Chromium test skipped: no " + (browser.isEmpty() ? "chromium" : "chromedriver")
                    + " on the PATH. Install Debian's chromium and chromium-driver (apt-get install chromium "
                    + "chromium-driver; .ci/run does it when run as root) to run it.";
            if ("true".equals(System.getenv(REQUIRE))) {
                Assertions.fail(message.replace("skipped", "required (" + REQUIRE + "=true)"));
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--user-data-dir=" + temporaryProfile());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static String temporaryProfile() {
        try {
            File profile = Files.createTempDirectory("chromium-profile").toFile();
            profile.deleteOnExit();
            return profile.getAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
