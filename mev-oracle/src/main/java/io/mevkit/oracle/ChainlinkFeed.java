package io.mevkit.oracle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * A Chainlink price feed (its proxy) with what a consumer must know about it: the heartbeat (a fresh answer at
 * least this often), the deviation threshold that triggers updates between heartbeats (the source of its
 * uncertainty: the feed may be off by up to that much without updating), optional bounds at which the feed stops
 * tracking the market (min/max answer, or a bounded feed's cap), and, on an L2, the sequencer uptime feed.
 */
public record ChainlinkFeed(
        Address proxy,
        Duration heartbeat,
        BigDecimal deviationThreshold,
        Optional<BigInteger> minAnswer,
        Optional<BigInteger> maxAnswer,
        Optional<SequencerFeed> sequencer) {

    public ChainlinkFeed {
        Checks.requireNonNull("proxy", proxy);
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new ValidationException("heartbeat", heartbeat, "must be positive");
        }
        if (deviationThreshold == null
                || deviationThreshold.signum() <= 0
                || deviationThreshold.compareTo(BigDecimal.ONE) >= 0) {
            throw new ValidationException("deviationThreshold", deviationThreshold, "must be in (0, 1)");
        }
        Checks.requireNonNull("minAnswer", minAnswer);
        Checks.requireNonNull("maxAnswer", maxAnswer);
        Checks.requireNonNull("sequencer", sequencer);
        if (minAnswer.isPresent() && maxAnswer.isPresent() && minAnswer.get().compareTo(maxAnswer.get()) >= 0) {
            throw new ValidationException("minAnswer", minAnswer.get(), "must be below maxAnswer " + maxAnswer.get());
        }
    }

    /** A feed with no bounds and no sequencer. */
    public static ChainlinkFeed of(Address proxy, Duration heartbeat, BigDecimal deviationThreshold) {
        return new ChainlinkFeed(
                proxy, heartbeat, deviationThreshold, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ChainlinkFeed withBounds(BigInteger min, BigInteger max) {
        return new ChainlinkFeed(proxy, heartbeat, deviationThreshold, Optional.of(min), Optional.of(max), sequencer);
    }

    public ChainlinkFeed withSequencer(SequencerFeed feed) {
        return new ChainlinkFeed(proxy, heartbeat, deviationThreshold, minAnswer, maxAnswer, Optional.of(feed));
    }

    /** An L2 sequencer uptime feed (answer 0 = up, 1 = down) and the grace period after it comes back up. */
    public record SequencerFeed(Address feed, Duration gracePeriod) {
        public SequencerFeed {
            Checks.requireNonNull("sequencer.feed", feed);
            if (gracePeriod == null || gracePeriod.isNegative()) {
                throw new ValidationException("sequencer.gracePeriod", gracePeriod, "must not be negative");
            }
        }
    }
}
