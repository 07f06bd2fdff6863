package io.mlpservice.store;

import java.nio.file.Path;

/**
 * A stored file that cannot be trusted: truncated, failing its checksum, of another kind or of an
 * unknown format version. The store moves such a file to {@code quarantine/} when it finds it.
 */
public class CorruptFileException extends RuntimeException {

    private final transient Path file;

    public CorruptFileException(Path file, String reason) {
        super(reason, null, false, false);
        this.file = file;
    }

    /** The file as it was named before it was quarantined. */
    public Path file() {
        return file;
    }
}
