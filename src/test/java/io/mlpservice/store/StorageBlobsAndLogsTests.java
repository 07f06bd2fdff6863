package io.mlpservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary values and append-only logs on disk: round trips, verification, torn tails, paging. */
class StorageBlobsAndLogsTests {

    /** An entry of 12 bytes: an int and a double. */
    record Entry(String key, int index, double value) {
    }

    private static final RecordCodec<Entry> ENTRY = new RecordCodec<>() {
        @Override
        public String kind() {
            return "entry";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public int size() {
            return 12;
        }

        @Override
        public void write(Entry e, ByteBuffer buffer) {
            buffer.putInt(e.index()).putDouble(e.value());
        }

        @Override
        public Entry read(String key, ByteBuffer buffer) {
            return new Entry(key, buffer.getInt(), buffer.getDouble());
        }
    };

    private static final Codec<float[]> FLOATS = new Codec<>() {
        @Override
        public String kind() {
            return "floats";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public byte[] encode(float[] value) {
            return TensorPack.builder().floats("v", value).text("note", "ok").longs("n", value.length).toBytes();
        }

        @Override
        public float[] decode(byte[] payload) {
            TensorPack pack = TensorPack.read(payload);
            assertThat(pack.text("note")).isEqualTo("ok");
            assertThat(pack.scalar("n")).isEqualTo(pack.floats("v").length);
            return pack.floats("v");
        }
    };

    @TempDir
    Path dir;

    private Storage storage;

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void blobsRoundTripBitForBitAndACorruptOneIsQuarantinedWhenRead() throws IOException {
        storage = Storage.open(dir);
        Blobs<float[]> blobs = storage.blobs("vectors", FLOATS);
        float[] values = {1.5f, -0f, Float.MIN_VALUE, 3.4e38f, Float.NaN};
        blobs.put("m/1", values);
        blobs.put("m/2", new float[] {7f});
        assertThat(blobs.get("m/1").orElseThrow()).isEqualTo(values);
        assertThat(blobs.get("../etc")).isEmpty();
        assertThat(blobs.get("m/9")).isEmpty();

        Path file = dir.resolve("vectors/m/2.floats");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(file, bytes);
        assertThatThrownBy(() -> blobs.get("m/2")).isInstanceOf(CorruptFileException.class)
                .hasMessageStartingWith("its checksum");
        assertThat(file).doesNotExist();
        assertThat(Files.list(dir.resolve("quarantine/vectors/m")).toList()).hasSize(1);
        assertThat(blobs.get("m/2")).isEmpty();

        blobs.deleteAll("m");
        assertThat(blobs.contains("m/1")).isFalse();
    }

    @Test
    void aLogIsReadByPageFromItsTailOrItsFileAndSurvivesAReopen() {
        storage = Storage.open(dir);
        AppendLog<Entry> log = storage.log("logs", ENTRY);
        IntStream.range(0, 3000).forEach(i -> log.append("job", new Entry("job", i, i / 10.0)));
        assertThat(log.count("job")).isEqualTo(3000);
        assertThat(log.read("job", 2998, 10)).extracting(Entry::index).containsExactly(2998, 2999);
        assertThat(log.read("job", 5, 3)).extracting(Entry::index).containsExactly(5, 6, 7);   // from the file
        assertThat(log.read("job", 3000, 10)).isEmpty();
        log.release("job");

        storage.close();
        storage = Storage.open(dir);
        AppendLog<Entry> reopened = storage.log("logs", ENTRY);
        assertThat(reopened.count("job")).isEqualTo(3000);
        assertThat(reopened.read("job", 1234, 1)).containsExactly(new Entry("job", 1234, 123.4));
        reopened.truncate("job", 10);
        reopened.append("job", new Entry("job", 10, -1));
        assertThat(reopened.read("job", 8, 100)).extracting(Entry::value).containsExactly(0.8, 0.9, -1.0);
    }

    @Test
    void anEntryCutShortIsDroppedAndAFlippedOneQuarantinesTheLog() throws IOException {
        storage = Storage.open(dir);
        AppendLog<Entry> log = storage.log("logs", ENTRY);
        IntStream.range(0, 5).forEach(i -> log.append("job", new Entry("job", i, i)));
        log.release("job");
        Path file = dir.resolve("logs/job.entry");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 5);          // the last of 5 entries is cut short
        }
        assertThat(log.count("job")).isEqualTo(4);
        log.append("job", new Entry("job", 4, 44));   // reopening for appends drops the cut entry
        assertThat(log.read("job", 0, 10)).extracting(Entry::value).containsExactly(0.0, 1.0, 2.0, 3.0, 44.0);
        log.release("job");

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 1;                // inside entry 3
        Files.write(file, bytes);
        assertThatThrownBy(() -> log.read("job", 0, 10)).isInstanceOf(CorruptFileException.class)
                .hasMessage("entry 3 fails its checksum");
        assertThat(file).doesNotExist();
        assertThat(log.count("job")).isZero();
    }

    @Test
    void memoryStorageKeepsTheSameContracts() {
        storage = Storage.inMemory();
        assertThat(storage.durable()).isFalse();
        AppendLog<Entry> log = storage.log("logs", ENTRY);
        IntStream.range(0, 100).forEach(i -> log.append("k", new Entry("k", i, i)));
        log.truncate("k", 50);
        assertThat(log.count("k")).isEqualTo(50);
        assertThat(log.read("k", 48, 5)).extracting(Entry::index).isEqualTo(List.of(48, 49));
        Table<String> table = storage.table("t", new JsonCodec<>("t", 1, String.class));
        assertThat(table.insert("a", "x")).isTrue();
        assertThat(table.update("a", v -> v + "y")).contains("xy");
    }
}
