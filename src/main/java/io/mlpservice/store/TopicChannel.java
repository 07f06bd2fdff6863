package io.mlpservice.store;

import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.ReliableMessageListener;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Channel} on a Hazelcast reliable topic (a ring buffer with one backup). Each message
 * is the sender's member id (16 bytes) and the codec's payload, so that a member skips its own.
 * Publishing does not wait; a subscriber starts with the messages published after it subscribed,
 * and one overtaken by the ring buffer goes on from the oldest message still there.
 */
final class TopicChannel<T> implements Channel<T> {

    private static final Logger log = LoggerFactory.getLogger(TopicChannel.class);

    private final ITopic<byte[]> topic;
    private final Codec<T> codec;
    private final UUID self;

    TopicChannel(ITopic<byte[]> topic, Codec<T> codec, UUID self) {
        this.topic = topic;
        this.codec = codec;
        this.self = self;
    }

    @Override
    public void publish(T message) {
        byte[] payload = codec.encode(message);
        ByteBuffer framed = ByteBuffer.allocate(16 + payload.length)
                .putLong(self.getMostSignificantBits()).putLong(self.getLeastSignificantBits()).put(payload);
        try {
            topic.publishAsync(framed.array()).whenComplete((done, failed) -> {
                if (failed != null) {
                    log.debug("A message on {} was not published: {}", topic.getName(), failed.toString());
                }
            });
        } catch (RuntimeException stopping) {
            log.debug("A message on {} was not published: {}", topic.getName(), stopping.toString());
        }
    }

    @Override
    public void subscribe(Consumer<T> subscriber) {
        topic.addMessageListener(new Listener(subscriber));
    }

    private final class Listener implements ReliableMessageListener<byte[]> {

        private final Consumer<T> subscriber;

        Listener(Consumer<T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onMessage(Message<byte[]> message) {
            ByteBuffer framed = ByteBuffer.wrap(message.getMessageObject());
            if (new UUID(framed.getLong(), framed.getLong()).equals(self)) {
                return;
            }
            byte[] payload = new byte[framed.remaining()];
            framed.get(payload);
            try {
                subscriber.accept(codec.decode(payload));
            } catch (RuntimeException e) {
                log.warn("A message on {} could not be handled: {}", topic.getName(), e.toString());
            }
        }

        @Override
        public long retrieveInitialSequence() {
            return -1;                        // from the next message on
        }

        @Override
        public void storeSequence(long sequence) {
            // no sequence is kept: a restarted member starts from the messages after its start
        }

        @Override
        public boolean isLossTolerant() {
            return true;
        }

        @Override
        public boolean isTerminal(Throwable failure) {
            return false;
        }
    }
}
