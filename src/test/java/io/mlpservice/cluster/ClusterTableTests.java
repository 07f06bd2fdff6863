package io.mlpservice.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlpservice.store.AppendLog;
import io.mlpservice.store.Blobs;
import io.mlpservice.store.Codec;
import io.mlpservice.store.CorruptFileException;
import io.mlpservice.store.Envelope;
import io.mlpservice.store.JsonCodec;
import io.mlpservice.store.RecordCodec;
import io.mlpservice.store.Table;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two members of one cluster, in this JVM, on one storage directory: what one of them stores the
 * other reads at once, their compare-and-set transitions exclude each other, and what they share
 * through files (loss histories) is read as far as it is whole.
 */
class ClusterTableTests {

    record Item(String name, int count, String owner) {
        Item claimedBy(String member) {
            if (owner != null) {
                throw new IllegalStateException(name + " is held by " + owner);
            }
            return new Item(name, count, member);
        }
    }

    private static final Codec<Item> ITEMS = new JsonCodec<>("item", 1, Item.class);
    private static final Codec<byte[]> BYTES = new Codec<>() {
        @Override
        public String kind() {
            return "bytes";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] payload) {
            return payload;
        }
    };

    /** Log entries of one int32 each. */
    private static final RecordCodec<Integer> NUMBERS = new RecordCodec<>() {
        @Override
        public String kind() {
            return "numbers";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public int size() {
            return Integer.BYTES;
        }

        @Override
        public void write(Integer value, ByteBuffer buffer) {
            buffer.putInt(value);
        }

        @Override
        public Integer read(String key, ByteBuffer buffer) {
            return buffer.getInt();
        }
    };

    @TempDir
    static Path dir;

    private static EmbeddedCluster cluster;
    private static Table<Item> a;
    private static Table<Item> b;

    @BeforeAll
    static void start() {
        cluster = EmbeddedCluster.start(dir, 2);
        a = cluster.storage(0).table("items", ITEMS);
        b = cluster.storage(1).table("items", ITEMS);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void aChangeThroughOneMemberIsReadThroughTheOtherAtOnce() throws IOException {
        assertThat(a.insert("apple", new Item("apple", 1, null))).isTrue();
        assertThat(b.get("apple")).contains(new Item("apple", 1, null));
        assertThat(b.insert("apple", new Item("again", 9, null))).isFalse();

        assertThat(b.replace("apple", new Item("apple", 1, null), new Item("apple", 2, null))).isTrue();
        assertThat(a.get("apple")).contains(new Item("apple", 2, null));
        assertThat(a.replace("apple", new Item("apple", 1, null), new Item("stale", 0, null))).isFalse();
        assertThat(Files.readString(dir.resolve("items/apple.item"))).endsWith("{\"name\":\"apple\",\"count\":2,\"owner\":null}");

        assertThat(b.remove("apple")).contains(new Item("apple", 2, null));
        assertThat(a.get("apple")).isEmpty();
        assertThat(dir.resolve("items/apple.item")).doesNotExist();
        assertThat(a.get("no such key/..")).isEmpty();
    }

    @Test
    void theOtherMemberIsToldOfAChangeAndListsItThen() throws InterruptedException {
        CountDownLatch told = new CountDownLatch(1);
        b.onChange(key -> {
            if (key.equals("pear") && b.values().contains(new Item("pear", 7, null))) {
                told.countDown();
            }
        });
        a.insert("pear", new Item("pear", 7, null));
        assertThat(told.await(30, TimeUnit.SECONDS)).as("member b told of the pear").isTrue();
    }

    @Test
    void transitionsThroughBothMembersAtOnceLoseNoUpdate() throws Exception {
        a.insert("counter", new Item("counter", 0, null));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Table<Item> table = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        table.update("counter", item -> new Item(item.name(), item.count() + 1, null));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(a.get("counter")).contains(new Item("counter", 100, null));
        assertThat(b.get("counter")).contains(new Item("counter", 100, null));
    }

    @Test
    void twoMembersNeverBothClaimOneRecord() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                String key = "model-" + round;
                a.insert(key, new Item(key, 0, null));
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Boolean> byA = pool.submit(() -> claim(a, key, "a", together));
                Future<Boolean> byB = pool.submit(() -> claim(b, key, "b", together));
                boolean wonA = byA.get();
                boolean wonB = byB.get();
                assertThat(wonA ^ wonB).as("round %d: a won %s, b won %s", round, wonA, wonB).isTrue();
                assertThat(b.get(key).orElseThrow().owner()).isEqualTo(wonA ? "a" : "b");
            }
        } finally {
            pool.shutdown();
        }
    }

    private static boolean claim(Table<Item> table, String key, String member, CyclicBarrier together)
            throws Exception {
        together.await(30, TimeUnit.SECONDS);
        try {
            table.update(key, item -> item.claimedBy(member));
            return true;
        } catch (IllegalStateException busy) {
            return false;
        }
    }

    @Test
    void aValueStoredThroughOneMemberIsReadThroughTheOtherAndADamagedFileIsQuarantinedWithItsReason()
            throws IOException {
        Blobs<byte[]> weightsA = cluster.storage(0).blobs("weights", BYTES);
        Blobs<byte[]> weightsB = cluster.storage(1).blobs("weights", BYTES);
        weightsA.put("m/1", new byte[] {1, 2, 3});
        assertThat(weightsB.get("m/1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        assertThat(Files.readAllBytes(dir.resolve("weights/m/1.bytes")))
                .isEqualTo(Envelope.wrap("bytes", 1, new byte[] {1, 2, 3}));

        byte[] damaged = Envelope.wrap("bytes", 1, new byte[] {4, 5, 6});
        damaged[damaged.length - 1] ^= 1;
        Files.write(dir.resolve("weights/m/2.bytes"), damaged);
        assertThatThrownBy(() -> weightsB.get("m/2")).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("its checksum");
        assertThat(dir.resolve("weights/m/2.bytes")).doesNotExist();
        try (Stream<Path> quarantined = Files.list(dir.resolve("quarantine/weights/m"))) {
            assertThat(quarantined.map(p -> p.getFileName().toString())).singleElement().asString().startsWith("2.bytes.");
        }
        assertThat(weightsA.get("m/2")).isEmpty();

        weightsB.deleteAll("m");
        assertThat(weightsA.get("m/1")).isEmpty();
        assertThat(dir.resolve("weights/m")).doesNotExist();
    }

    @Test
    void aHistoryAppendedByOneMemberIsReadByTheOtherUpToItsLastWholeEntry() throws IOException {
        AppendLog<Integer> writer = cluster.storage(0).log("numbers", NUMBERS);
        AppendLog<Integer> reader = cluster.storage(1).log("numbers", NUMBERS);
        for (int i = 1; i <= 3; i++) {
            writer.append("job", i * 10);
        }
        assertThat(reader.count("job")).isEqualTo(3);
        assertThat(reader.read("job", 0, 10)).containsExactly(10, 20, 30);

        Path file = dir.resolve("numbers/job.numbers");
        Files.write(file, new byte[Integer.BYTES * 2], StandardOpenOption.APPEND);   // an entry being written
        assertThat(reader.count("job")).isEqualTo(3);
        assertThat(reader.read("job", 0, 10)).containsExactly(10, 20, 30);
        writer.append("job", 40);
        assertThat(reader.read("job", 2, 10)).containsExactly(30, 40);

        byte[] bytes = Files.readAllBytes(file);
        int header = new String(bytes, StandardCharsets.US_ASCII).indexOf('\n') + 1;
        bytes[header + 8 + 1] ^= 1;                                                      // entry 1 damaged
        Files.write(file, bytes);
        AppendLog<Integer> other = cluster.storage(1).log("numbers", NUMBERS);
        assertThatThrownBy(() -> other.read("job", 0, 10)).isInstanceOf(CorruptFileException.class)
                .hasMessage("entry 1 fails its checksum");
        assertThat(file).as("left for the member that appends to it").exists();
    }
}
