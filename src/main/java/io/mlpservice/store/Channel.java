package io.mlpservice.store;

import java.util.function.Consumer;

/**
 * Messages from one member to all the others: what happens to jobs, as it happens. Delivery is
 * asynchronous and in the order each member published; a subscriber that falls so far behind that
 * the channel's buffer overtakes it skips the messages it missed rather than stopping.
 *
 * @param <T> the message type
 */
public interface Channel<T> {

    /** Sends the message to every other member, without waiting for them. */
    void publish(T message);

    /** Tells {@code subscriber} every message the other members publish from now on, on a cluster thread. */
    void subscribe(Consumer<T> subscriber);
}
