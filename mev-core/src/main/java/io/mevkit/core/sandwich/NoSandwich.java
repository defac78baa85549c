package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Why no sandwich is worth sending around a victim, with the figures that decided it. Each reason is an immutable
 * record; {@link #kind()} names it for a switch or a metric tag.
 */
public sealed interface NoSandwich extends SandwichDecision {

    /** The reason's name. */
    Kind kind();

    /** The reasons, one per record. */
    enum Kind {
        NO_SLIPPAGE_ROOM,
        UNPROFITABLE_AFTER_GAS,
        FEE_ON_TRANSFER_TOKEN,
        CAPITAL_TOO_SMALL,
        DEADLINE_PASSED,
        INSUFFICIENT_LIQUIDITY,
        STALE_POOL_STATE,
        NO_PRICE,
        NO_CAPITAL_HOP,
        UNSUPPORTED_VICTIM
    }

    /**
     * The victim tolerates no front-run: its bound already binds without one ({@code maxFrontRun} 0), or it fails even
     * alone ({@code maxFrontRun} −1).
     */
    record NoSlippageRoom(BigInteger maxFrontRun, String detail) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.NO_SLIPPAGE_ROOM;
        }
    }

    /**
     * The best size's gross profit (in the capital token, and in wei) does not cover gas and the builder payment. A
     * best size of 0 means no size gains anything at all.
     */
    record UnprofitableAfterGas(
            BigInteger bestSize,
            BigInteger grossProfit,
            BigInteger grossProfitWei,
            BigInteger gasCost,
            BigInteger builderPayment)
            implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.UNPROFITABLE_AFTER_GAS;
        }
    }

    /**
     * A token on the path takes a fee on transfer (the victim chose a fee-on-transfer router function, or the caller
     * listed the token), so pair math cannot predict the amounts.
     */
    record FeeOnTransferToken(Optional<Address> token, String detail) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.FEE_ON_TRANSFER_TOKEN;
        }
    }

    /** With the capital available the sandwich does not pay; {@code profitableSize} would. */
    record CapitalTooSmall(BigInteger capital, BigInteger profitableSize) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.CAPITAL_TOO_SMALL;
        }
    }

    /** The victim's deadline is before the target block's timestamp: it will revert whatever we do. */
    record DeadlinePassed(BigInteger deadline, long targetTimestamp) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.DEADLINE_PASSED;
        }
    }

    /** The pool's reserve of the capital token, or the front-run's price impact, is beyond the configured limit. */
    record InsufficientLiquidity(Address pool, String detail) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.INSUFFICIENT_LIQUIDITY;
        }
    }

    /** A pool's reserves are older than the configured limit allows. */
    record StalePoolState(Address pool, long poolBlock, long headBlock, long maxAgeBlocks) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.STALE_POOL_STATE;
        }
    }

    /** The profit is in a token other than the wrapped native one and no exact price for it was given. */
    record NoPrice(Address token) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.NO_PRICE;
        }
    }

    /** The capital token is not the input of any hop of the victim's path, so there is nothing to front-run with. */
    record NoCapitalHop(Address capitalToken) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.NO_CAPITAL_HOP;
        }
    }

    /** A victim shape the sizer does not handle (for example a path through the same pair twice). */
    record UnsupportedVictim(String detail) implements NoSandwich {
        @Override
        public Kind kind() {
            return Kind.UNSUPPORTED_VICTIM;
        }
    }
}
