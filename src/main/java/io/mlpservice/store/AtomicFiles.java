package io.mlpservice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * File writes that a crash cannot tear: the bytes go to a temporary file beside the target, which
 * is forced to disk, renamed over the target in one atomic step, and the directory is forced so
 * that the rename itself survives a power loss. A reader sees the old file or the new one, whole.
 * Temporary files a crash left behind end in {@value #TEMPORARY} and are removed at start-up.
 */
final class AtomicFiles {

    static final String TEMPORARY = ".tmp";
    private static final AtomicLong COUNTER = new AtomicLong();

    /** Called between the temporary file's sync and the rename; tests make it fail to simulate a crash. */
    static volatile Runnable beforeRename = () -> { };

    private AtomicFiles() {
    }

    static void write(Path target, byte[] bytes) {
        try {
            Path directory = target.getParent();
            Files.createDirectories(directory);
            Path temporary = directory.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + "-" + COUNTER.incrementAndGet() + TEMPORARY);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            beforeRename.run();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the file, if it exists, and makes the deletion durable. */
    static void delete(Path target) {
        try {
            if (Files.deleteIfExists(target)) {
                syncDirectory(target.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + target + ": " + e.getMessage(), e);
        }
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException gone) {
            // removed meanwhile: nothing left to make durable
        }
    }
}
