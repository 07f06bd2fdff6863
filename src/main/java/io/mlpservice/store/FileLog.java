package io.mlpservice.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AppendLog} as one file a key, {@code <directory>/<key>.<kind>}:
 *
 * <pre>
 *   mlp-service &lt;kind&gt; &lt;format version&gt; &lt;entry size&gt; log\n
 *   entry 0: &lt;entry size&gt; bytes, then its CRC-32C (4 bytes, little-endian)
 *   entry 1: ...
 * </pre>
 *
 * A log being appended keeps its file open and its last {@value #TAIL} entries in memory, so
 * that following a running job reads no file; older entries are read from the file, each
 * checked against its checksum. An entry cut short at the end (a write the machine lost) is
 * dropped when the log is opened for appending.
 * <p>
 * In a cluster ({@code shared}) the member that runs a job appends to its log and the others read
 * the file as it grows: a reader counts and reads only up to the last entry whose checksum holds
 * (the one after it may be half-written right now), and one that finds a damaged entry before
 * the end reports it without moving the file, which another member may be appending to.
 */
final class FileLog<T> implements AppendLog<T> {

    private static final Logger log = LoggerFactory.getLogger(FileLog.class);
    static final int TAIL = 1024;

    private final StorageFiles files;
    private final Path directory;
    private final RecordCodec<T> codec;
    private final byte[] header;
    private final int stride;
    private final boolean shared;
    private final ConcurrentMap<String, Writer> writers = new ConcurrentHashMap<>();

    FileLog(StorageFiles files, String name, RecordCodec<T> codec) {
        this(files, name, codec, false);
    }

    FileLog(StorageFiles files, String name, RecordCodec<T> codec, boolean shared) {
        this.shared = shared;
        this.files = files;
        this.directory = files.root().resolve(name);
        this.codec = codec;
        this.header = (Envelope.MAGIC + " " + codec.kind() + " " + codec.version() + " " + codec.size() + " log\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.stride = codec.size() + Integer.BYTES;
    }

    /** An open log: its channel, its length in entries and its last entries. */
    private final class Writer {
        final String key;
        final FileChannel channel;
        long count;
        final List<T> tail = new ArrayList<>();
        long tailStart;

        Writer(String key, FileChannel channel, long count) {
            this.key = key;
            this.channel = channel;
            this.count = count;
            this.tailStart = count;
        }
    }

    private Path path(String key) {
        return directory.resolve(Keys.check(key) + "." + codec.kind());
    }

    private Writer writer(String key) {
        return writers.computeIfAbsent(key, k -> {
            Path path = path(k);
            try {
                Files.createDirectories(directory);
                FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                long size = channel.size();
                if (size == 0) {
                    channel.write(ByteBuffer.wrap(header), 0);
                    AtomicFiles.syncDirectory(directory);
                    return new Writer(k, channel, 0);
                }
                checkHeader(path, channel);
                long whole = (size - header.length) / stride;
                long end = header.length + whole * stride;
                if (end != size) {
                    log.warn("Dropped the last {} bytes of {}: an entry cut short", size - end, path);
                    channel.truncate(end);
                }
                return new Writer(k, channel, whole);
            } catch (IOException e) {
                throw new UncheckedIOException("could not open " + path + ": " + e.getMessage(), e);
            }
        });
    }

    private void checkHeader(Path path, FileChannel channel) throws IOException {
        ByteBuffer actual = ByteBuffer.allocate(header.length);
        channel.read(actual, 0);
        if (!java.util.Arrays.equals(actual.array(), header)) {
            throw new CorruptFileException(path, "its header is not that of a " + codec.kind() + " log of format "
                    + codec.version());
        }
    }

    @Override
    public void append(String key, T value) {
        Writer writer = writer(key);
        ByteBuffer record = ByteBuffer.allocate(stride).order(ByteOrder.LITTLE_ENDIAN);
        codec.write(value, record);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, codec.size());
        record.putInt(codec.size(), (int) crc.getValue());
        record.position(0);
        synchronized (writer) {
            try {
                long at = header.length + writer.count * stride;
                while (record.hasRemaining()) {
                    at += writer.channel.write(record, at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not append to " + path(key) + ": " + e.getMessage(), e);
            }
            writer.count++;
            writer.tail.add(value);
            if (writer.tail.size() > TAIL) {
                writer.tail.subList(0, writer.tail.size() - TAIL / 2).clear();
                writer.tailStart = writer.count - writer.tail.size();
            }
        }
    }

    @Override
    public long count(String key) {
        Writer writer = writers.get(key);
        if (writer != null) {
            synchronized (writer) {
                return writer.count;
            }
        }
        try {
            long size = Files.size(path(key));
            long count = Math.max(0, (size - header.length) / stride);
            return shared && count > 0 && !lastEntryHolds(path(key), count) ? count - 1 : count;
        } catch (NoSuchFileException | IllegalArgumentException missing) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the last of {@code count} entries is whole: its checksum holds. */
    private boolean lastEntryHolds(Path path, long count) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer entry = ByteBuffer.allocate(stride).order(ByteOrder.LITTLE_ENDIAN);
            long at = header.length + (count - 1) * stride;
            while (entry.hasRemaining() && channel.read(entry, at + entry.position()) > 0) {
                // read the whole entry
            }
            CRC32C crc = new CRC32C();
            crc.update(entry.array(), 0, codec.size());
            return !entry.hasRemaining() && (int) crc.getValue() == entry.getInt(codec.size());
        }
    }

    @Override
    public List<T> read(String key, long from, int limit) {
        long written = Long.MAX_VALUE;
        Writer writer = writers.get(key);
        if (writer != null) {
            synchronized (writer) {
                long end = Math.min(writer.count, from + limit);
                if (from >= end) {
                    return List.of();
                }
                if (from >= writer.tailStart) {
                    return List.copyOf(writer.tail.subList((int) (from - writer.tailStart), (int) (end - writer.tailStart)));
                }
                written = writer.count;   // entries past it may be half-written right now
            }
        }
        return readFile(key, from, (int) Math.min(limit, written - from));
    }

    private List<T> readFile(String key, long from, int limit) {
        Path path;
        try {
            path = path(key);
        } catch (IllegalArgumentException invalid) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            checkHeader(path, channel);
            long count = (channel.size() - header.length) / stride;
            long end = Math.min(count, from + limit);
            if (from >= end) {
                return out;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) ((end - from) * stride)).order(ByteOrder.LITTLE_ENDIAN);
            long at = header.length + from * stride;
            while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
                // read until the buffer is full
            }
            byte[] bytes = buffer.array();
            CRC32C crc = new CRC32C();
            for (long i = from; i < end; i++) {
                int offset = (int) ((i - from) * stride);
                crc.reset();
                crc.update(bytes, offset, codec.size());
                if ((int) crc.getValue() != buffer.getInt(offset + codec.size())) {
                    if (shared && i == count - 1) {
                        return out;                    // being appended by the member that runs the job
                    }
                    throw new CorruptFileException(path, "entry " + i + " fails its checksum");
                }
                buffer.position(offset);
                out.add(codec.read(key, buffer));
            }
            return out;
        } catch (NoSuchFileException missing) {
            return out;
        } catch (CorruptFileException e) {
            if (shared) {
                log.warn("The loss history {} is damaged: {}; left in place, another member may append to it",
                        path, e.getMessage());
                throw e;
            }
            delete(key);
            files.quarantine(e);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void truncate(String key, long count) {
        Writer writer = writer(key);
        synchronized (writer) {
            if (count < writer.count) {
                try {
                    writer.channel.truncate(header.length + count * stride);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not truncate " + path(key) + ": " + e.getMessage(), e);
                }
                writer.count = count;
                writer.tail.clear();
                writer.tailStart = count;
            }
        }
    }

    @Override
    public void sync(String key) {
        Writer writer = writers.get(key);
        if (writer != null) {
            try {
                writer.channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("could not sync " + path(key) + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void release(String key) {
        Writer writer = writers.remove(key);
        if (writer != null) {
            synchronized (writer) {
                try {
                    writer.channel.force(false);
                    writer.channel.close();
                } catch (IOException e) {
                    log.warn("Could not close {}: {}", path(key), e.getMessage());
                }
            }
        }
    }

    @Override
    public void delete(String key) {
        Writer writer = writers.remove(key);
        if (writer != null) {
            synchronized (writer) {
                try {
                    writer.channel.close();
                } catch (IOException ignored) {
                    // the file is deleted next
                }
            }
        }
        try {
            AtomicFiles.delete(path(key));
        } catch (IllegalArgumentException invalid) {
            // no file can have that name
        }
    }
}
