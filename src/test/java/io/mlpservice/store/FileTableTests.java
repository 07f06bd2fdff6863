package io.mlpservice.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records written through to files: what a restart finds, what a crash leaves, what a corrupt file costs. */
class FileTableTests {

    record Item(String name, int count) {
    }

    private static final Codec<Item> CODEC = new JsonCodec<>("item", 1, Item.class);

    @TempDir
    Path dir;

    private Storage storage;

    private Table<Item> open() {
        if (storage != null) {
            storage.close();
        }
        storage = Storage.open(dir);
        return storage.table("items", CODEC);
    }

    @AfterEach
    void close() {
        AtomicFiles.beforeRename = () -> { };
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void aRestartFindsEveryRecordAsLastStored() {
        Table<Item> items = open();
        assertThat(items.insert("a", new Item("apple", 1))).isTrue();
        assertThat(items.insert("b", new Item("bean", 2))).isTrue();
        assertThat(items.insert("a", new Item("again", 9))).isFalse();
        assertThat(items.replace("a", new Item("apple", 1), new Item("apple", 3))).isTrue();
        assertThat(items.replace("a", new Item("apple", 1), new Item("stale", 0))).isFalse();
        items.remove("b");

        Table<Item> reopened = open();
        assertThat(reopened.values()).containsExactly(new Item("apple", 3));
        assertThat(reopened.get("b")).isEmpty();
    }

    @Test
    void eachFileCarriesItsKindFormatVersionLengthAndChecksum() throws IOException {
        open().insert("a", new Item("apple", 1));
        byte[] file = Files.readAllBytes(dir.resolve("items/a.item"));
        String text = new String(file, StandardCharsets.UTF_8);
        String payload = "{\"name\":\"apple\",\"count\":1}";
        assertThat(text).isEqualTo("mlp-service item 1 " + payload.length() + " "
                + Envelope.crc(payload.getBytes(StandardCharsets.UTF_8)) + "\n" + payload);
    }

    @Test
    void aCrashBetweenWriteAndRenameLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
        Table<Item> items = open();
        items.insert("a", new Item("apple", 1));
        AtomicFiles.beforeRename = () -> {
            throw new IllegalStateException("the process died here");
        };
        assertThatThrownBy(() -> items.replace("a", new Item("apple", 1), new Item("apple", 2)))
                .hasMessage("the process died here");
        assertThat(items.get("a")).contains(new Item("apple", 1));       // not visible: it was never stored
        AtomicFiles.beforeRename = () -> { };

        Table<Item> reopened = open();
        assertThat(reopened.get("a")).contains(new Item("apple", 1));
        assertThat(filesUnder(dir.resolve("items"))).containsExactly("a.item");
    }

    @Test
    void truncatedCorruptAndUnknownVersionFilesAreQuarantinedAndTheRestLoads() throws IOException {
        Table<Item> items = open();
        for (String key : List.of("good", "short", "flipped", "future", "empty")) {
            items.insert(key, new Item(key, 1));
        }
        Path folder = dir.resolve("items");
        byte[] whole = Files.readAllBytes(folder.resolve("short.item"));
        Files.write(folder.resolve("short.item"), java.util.Arrays.copyOf(whole, whole.length - 3));
        byte[] flipped = Files.readAllBytes(folder.resolve("flipped.item"));
        flipped[flipped.length - 2] ^= 1;
        Files.write(folder.resolve("flipped.item"), flipped);
        String future = Files.readString(folder.resolve("future.item")).replaceFirst(" item 1 ", " item 2 ");
        Files.writeString(folder.resolve("future.item"), future);
        Files.write(folder.resolve("empty.item"), new byte[0]);

        Table<Item> reopened = open();
        assertThat(reopened.values()).containsExactly(new Item("good", 1));
        assertThat(filesUnder(folder)).containsExactly("good.item");
        assertThat(filesUnder(dir.resolve("quarantine/items")))
                .hasSize(4)
                .anyMatch(name -> name.startsWith("short.item."))
                .anyMatch(name -> name.startsWith("flipped.item."))
                .anyMatch(name -> name.startsWith("future.item."))
                .anyMatch(name -> name.startsWith("empty.item."));
    }

    @Test
    void theEnvelopeNamesWhatIsWrong() {
        Path file = Path.of("x");
        byte[] good = Envelope.wrap("item", 1, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(Envelope.unwrap(file, good, "item", 1)).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Envelope.unwrap(file, java.util.Arrays.copyOf(good, good.length - 1), "item", 1))
                .isInstanceOf(CorruptFileException.class).hasMessage("it is truncated: 1 of 2 payload bytes");
        assertThatThrownBy(() -> Envelope.unwrap(file, good, "weights", 1))
                .hasMessage("it holds a item, not a weights");
        assertThatThrownBy(() -> Envelope.unwrap(file, good, "item", 2))
                .hasMessage("its format version 1 is not the supported 2");
        byte[] bad = good.clone();
        bad[bad.length - 1] = ']';
        assertThatThrownBy(() -> Envelope.unwrap(file, bad, "item", 1)).hasMessageStartingWith("its checksum ");
        assertThatThrownBy(() -> Envelope.unwrap(file, new byte[0], "item", 1)).hasMessage("the file is empty");
    }

    @Test
    void concurrentCompareAndSetWritersLoseNoIncrement() throws Exception {
        Table<Item> items = open();
        items.insert("counter", new Item("counter", 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        items.update("counter", item -> new Item(item.name(), item.count() + 1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(items.get("counter")).contains(new Item("counter", 200));
        assertThat(open().get("counter")).contains(new Item("counter", 200));
    }

    @Test
    void aSecondProcessOnTheDirectoryIsRefused() {
        open();
        assertThatThrownBy(() -> Storage.open(dir))
                .isInstanceOf(StorageLockedException.class)
                .hasMessage("the storage directory " + dir.toAbsolutePath() + " is in use by another mlp-service process (pid "
                        + ProcessHandle.current().pid() + "), which holds " + dir.resolve(Storage.LOCK).toAbsolutePath());
    }

    private static List<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
