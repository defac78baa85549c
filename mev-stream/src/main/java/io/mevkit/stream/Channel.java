package io.mevkit.stream;

import java.util.Optional;

/**
 * The channels a {@link StreamServer} carries. Each has its own sequence numbers, replay buffer and JWT scope
 * ({@code stream:<wire name>}).
 */
public enum Channel {
    OPPORTUNITIES("opportunities"),
    BUNDLES("bundles"),
    GAS_PRICES("gas_prices"),
    TRANSACTIONS("transactions"),
    METRICS("metrics"),
    NODE_STATUS("node_status"),
    PRICE_FEEDS("price_feeds"),
    SYSTEM_ALERTS("system_alerts");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the protocol and in scopes, e.g. {@code gas_prices}. */
    public String wireName() {
        return wireName;
    }

    /** The JWT scope that grants this channel: {@code stream:<wire name>}. */
    public String scope() {
        return "stream:" + wireName;
    }

    /** The channel with this wire name, if any. */
    public static Optional<Channel> fromWireName(String name) {
        for (Channel c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
