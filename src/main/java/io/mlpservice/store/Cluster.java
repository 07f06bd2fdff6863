package io.mlpservice.store;

/**
 * The members that share a storage in cluster mode: who this member is, whether another one is
 * still there, when one joins or leaves, and channels to tell the others what happens. A member
 * is named by its cluster address, {@code host:port} ({@code 127.0.0.1:5702}).
 */
public interface Cluster {

    /** This member's cluster address, {@code host:port}. */
    String self();

    /** Whether a member with this address belongs to the cluster now. */
    boolean isMember(String address);

    /** Runs {@code listener} on a cluster thread each time a member joins or leaves; it must return quickly. */
    void onMembershipChange(Runnable listener);

    /** A channel named {@code name}, whose messages are encoded with {@code codec}. */
    <T> Channel<T> channel(String name, Codec<T> codec);
}
