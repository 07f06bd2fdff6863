package io.mlpservice.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin key a secured service makes for itself when no key is configured, so that the first
 * start needs no setup and is still closed: 32 random bytes from {@link SecureRandom}, URL-safe
 * Base64 (43 characters), written to {@code admin-key} in the storage directory, created with mode
 * 0600 (owner read and write only) rather than changed to it afterwards, and kept for the next
 * starts. Without a storage directory (memory-only mode) the key goes to a temporary file that is
 * deleted when the service stops. Only the file's path is ever logged, never the key.
 */
final class AdminKey {

    static final String FILE_NAME = "admin-key";
    static final String NAME = "admin-key";

    private static final Logger log = LoggerFactory.getLogger(AdminKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminKey() {
    }

    /**
     * The admin key of this service: read from {@code <storageDir>/admin-key} if the file exists,
     * else generated and written there (or to a temporary file if {@code storageDir} is empty).
     *
     * @return the key itself, for hashing; the caller must not log it
     */
    static String provision(String storageDir) throws IOException {
        if (storageDir == null || storageDir.isBlank()) {
            Path file = createTempFile();
            String key = generate();
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            log.info("No API key is configured (mlp.security.api-keys) and mlp.storage.dir is empty: "
                    + "generated an admin key into the temporary file {}, deleted when the service stops", file);
            return key;
        }
        Path file = Path.of(storageDir).resolve(FILE_NAME).toAbsolutePath();
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            String key = generate();
            try {
                writeNew(file, key);
                log.info("No API key is configured (mlp.security.api-keys): generated an admin key into {}", file);
                return key;
            } catch (FileAlreadyExistsException another) {
                // another process sharing the directory made it first: use theirs
            }
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (key.isEmpty()) {
            throw new IllegalStateException("The admin key file " + file + " is empty; delete it to have a new key "
                    + "generated, or configure keys in mlp.security.api-keys");
        }
        warnIfOthersCanRead(file);
        log.info("No API key is configured (mlp.security.api-keys): the admin key is the one in {}", file);
        return key;
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean posix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static Path createTempFile() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempFile(directory, "mlp-service-admin-key-", "", ownerOnly(directory));
    }

    /** Creates the file with owner-only permissions from the start: no moment where others may read it. */
    private static void writeNew(Path file, String key) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
            channel.write(ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void warnIfOthersCanRead(Path file) throws IOException {
        if (!posix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("The admin key file {} has permissions {}; others may read it: chmod 600 it", file,
                    PosixFilePermissions.toString(permissions));
        }
    }
}
