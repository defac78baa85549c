package io.mevkit.ws;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which logs a {@code logs} subscription delivers, as in {@code eth_subscribe("logs", filter)} and
 * {@code eth_getLogs}.
 *
 * @param addresses emitting contracts; empty means any
 * @param topics per position (at most four), the topics accepted there; an empty list means any topic
 */
public record LogFilter(List<Address> addresses, List<List<Hash>> topics) {
    public LogFilter {
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(topics, "topics");
        if (topics.size() > 4) {
            throw new ValidationException("topics", topics.size(), "at most 4 topic positions");
        }
        addresses = List.copyOf(addresses);
        List<List<Hash>> copy = new ArrayList<>(topics.size());
        for (List<Hash> position : topics) {
            copy.add(List.copyOf(Objects.requireNonNull(position, "topics[i]")));
        }
        topics = List.copyOf(copy);
    }

    /** Every log. */
    public static LogFilter any() {
        return new LogFilter(List.of(), List.of());
    }

    /** Logs emitted by any of {@code contracts}. */
    public static LogFilter address(Address... contracts) {
        return new LogFilter(List.of(contracts), List.of());
    }

    /** A copy that also requires topic {@code position} (0..3) to be one of {@code anyOf}. */
    public LogFilter withTopic(int position, Hash... anyOf) {
        if (position < 0 || position > 3) {
            throw new ValidationException("position", position, "must be 0..3");
        }
        if (anyOf.length == 0) {
            throw new ValidationException("anyOf", 0, "at least one topic; omit the position to accept any");
        }
        List<List<Hash>> copy = new ArrayList<>(topics);
        while (copy.size() <= position) {
            copy.add(List.of());
        }
        copy.set(position, List.of(anyOf));
        return new LogFilter(addresses, copy);
    }

    /** Whether {@code log} passes this filter (the node filters too; this serves local checks). */
    public boolean matches(LogEvent log) {
        if (!addresses.isEmpty() && !addresses.contains(log.address())) {
            return false;
        }
        for (int i = 0; i < topics.size(); i++) {
            List<Hash> accepted = topics.get(i);
            if (accepted.isEmpty()) {
                continue;
            }
            if (i >= log.topics().size() || !accepted.contains(log.topics().get(i))) {
                return false;
            }
        }
        return true;
    }
}
