package io.mevkit.ws;

/** A subscription with {@link OverflowPolicy#FAIL} ended because its listener fell behind and its buffer filled. */
public class SubscriptionOverflowException extends WsException {
    private static final long serialVersionUID = 1L;

    private final long subscriptionId;
    private final int capacity;

    public SubscriptionOverflowException(long subscriptionId, int capacity) {
        super("subscription " + subscriptionId + " overflowed its buffer of " + capacity + " items and was ended");
        this.subscriptionId = subscriptionId;
        this.capacity = capacity;
    }

    public long subscriptionId() {
        return subscriptionId;
    }

    public int capacity() {
        return capacity;
    }
}
