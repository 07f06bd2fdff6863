package io.mlpservice.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The generated admin key: its form, its file's mode, its reuse, and a log that names the file, never the key. */
@ExtendWith(OutputCaptureExtension.class)
class AdminKeyTests {

    private static final String URL_SAFE_256_BITS = "[A-Za-z0-9_-]{43}";

    @Test
    void writesA256BitUrlSafeKeyIntoAnOwnerOnlyFileAndLogsOnlyThePath(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Path storage = dir.resolve("data");
        String key = AdminKey.provision(storage.toString());

        Path file = storage.resolve("admin-key");
        assertThat(key).matches(URL_SAFE_256_BITS);
        assertThat(Files.readString(file)).isEqualTo(key + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(output.getOut()).contains("generated an admin key into " + file.toAbsolutePath())
                .doesNotContain(key);
    }

    @Test
    void theNextStartReusesTheKeyOfTheFile(@TempDir Path dir, CapturedOutput output) throws IOException {
        String first = AdminKey.provision(dir.toString());
        String second = AdminKey.provision(dir.toString());
        assertThat(second).isEqualTo(first);
        assertThat(output.getOut()).contains("the admin key is the one in " + dir.resolve("admin-key").toAbsolutePath())
                .doesNotContain(first);
    }

    @Test
    void twoStartsMakeTwoDifferentKeys(@TempDir Path dir) throws IOException {
        assertThat(AdminKey.provision(dir.resolve("a").toString()))
                .isNotEqualTo(AdminKey.provision(dir.resolve("b").toString()));
    }

    @Test
    void withoutAStorageDirectoryTheKeyGoesToATemporaryOwnerOnlyFileWhosePathIsLogged(CapturedOutput output)
            throws IOException {
        String key = AdminKey.provision("");
        Matcher logged = Pattern.compile("into the temporary file (\\S+), deleted when the service stops")
                .matcher(output.getOut());
        assertThat(logged.find()).as(output.getOut()).isTrue();
        Path file = Path.of(logged.group(1));
        try {
            assertThat(Files.readString(file)).isEqualTo(key + "\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(output.getOut()).doesNotContain(key);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aKeyFileOthersCanReadIsUsedWithAWarning(@TempDir Path dir, CapturedOutput output) throws IOException {
        Path file = Files.writeString(dir.resolve("admin-key"), "a-key-written-by-hand\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(AdminKey.provision(dir.toString())).isEqualTo("a-key-written-by-hand");
        assertThat(output.getOut()).contains("has permissions rw-r--r--; others may read it: chmod 600 it");
    }

    @Test
    void anEmptyKeyFileStopsTheStartSayingWhatToDo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("admin-key"), "\n");
        assertThatThrownBy(() -> AdminKey.provision(dir.toString())).isInstanceOf(IllegalStateException.class)
                .hasMessage("The admin key file " + dir.resolve("admin-key").toAbsolutePath() + " is empty; delete it "
                        + "to have a new key generated, or configure keys in mlp.security.api-keys");
    }
}
