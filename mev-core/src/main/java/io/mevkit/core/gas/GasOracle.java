package io.mevkit.core.gas;

import io.mevkit.core.Chain;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.FeeHistory;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gas prices for one chain through an {@link RpcClient}: the next block's base fee by the chain's
 * {@link FeeMarket} (the EIP-1559 rule computed locally, on OP Stack chains with the parameters and minimum the parent
 * header's {@code extraData} carries, zero, or asked from the node where no formula holds), and
 * priority-fee percentiles from {@code eth_feeHistory}. Holds no state of its own; thread-safe as the client is.
 */
public final class GasOracle {
    private static final Logger LOG = LoggerFactory.getLogger(GasOracle.class);

    private final RpcClient client;
    private final Chain chain;

    private GasOracle(RpcClient client, Chain chain) {
        this.client = client;
        this.chain = chain;
    }

    /** An oracle for {@code chain}, reading through {@code client} (which must be connected to that chain). */
    public static GasOracle of(RpcClient client, Chain chain) {
        return new GasOracle(Objects.requireNonNull(client, "client"), Objects.requireNonNull(chain, "chain"));
    }

    public Chain chain() {
        return chain;
    }

    /** The base fee of the block after the latest one. */
    public NextBaseFee nextBaseFee() {
        if (chain.feeMarket() instanceof FeeMarket.NodeProvided) {
            return fromNode(BlockTag.LATEST, -1);
        }
        Block latest = client.getBlockByNumber(BlockTag.LATEST, false)
                .orElseThrow(() -> new MevException("the node has no latest block"));
        return nextBaseFee(latest);
    }

    /**
     * The base fee of the block after {@code parent}: computed from its header on EIP-1559 chains (no call), zero
     * on zero-base-fee chains, asked from the node ({@code eth_feeHistory} up to {@code parent}) otherwise.
     *
     * @throws ValidationException if an EIP-1559 chain's parent has no base fee (a pre-London block)
     */
    public NextBaseFee nextBaseFee(Block parent) {
        Objects.requireNonNull(parent, "parent");
        FeeMarket market = chain.feeMarket();
        if (market instanceof FeeMarket.Eip1559 rule) {
            BigInteger parentBaseFee = parent.baseFeePerGas()
                    .orElseThrow(() -> new ValidationException(
                            "parent.baseFeePerGas", "absent", "block " + parent.number() + " has no base fee"));
            BaseFeeRule.Step step = BaseFeeRule.next(rule, parentBaseFee, parent.gasUsed(), parent.gasLimit());
            return new NextBaseFee(parent.number() + 1, step.baseFee(), NextBaseFee.Source.FORMULA, Optional.of(step));
        }
        if (market instanceof FeeMarket.OpStack opStack) {
            BigInteger parentBaseFee = parent.baseFeePerGas()
                    .orElseThrow(() -> new ValidationException(
                            "parent.baseFeePerGas", "absent", "block " + parent.number() + " has no base fee"));
            BaseFeeRule.Step step = BaseFeeRule.nextOpStack(
                    opStack, parentBaseFee, parent.gasUsed(), parent.gasLimit(), parent.extraData());
            return new NextBaseFee(parent.number() + 1, step.baseFee(), NextBaseFee.Source.FORMULA, Optional.of(step));
        }
        if (market instanceof FeeMarket.ZeroBaseFee) {
            return new NextBaseFee(parent.number() + 1, BigInteger.ZERO, NextBaseFee.Source.ZERO, Optional.empty());
        }
        return fromNode(BlockTag.number(parent.number()), parent.number());
    }

    /**
     * Asks the node: the last base fee of {@code eth_feeHistory} (the block after {@code newest}); where the node
     * does not serve fee history, the base fee of its pending block.
     */
    private NextBaseFee fromNode(BlockTag newest, long knownNumber) {
        try {
            FeeHistory history = client.feeHistory(1, newest);
            long next = history.oldestBlock() + history.blockCount();
            return new NextBaseFee(next, history.nextBaseFeePerGas(), NextBaseFee.Source.NODE, Optional.empty());
        } catch (RpcException e) {
            if (e.kind() != RpcException.Kind.RPC_ERROR) {
                throw e;
            }
            LOG.debug("eth_feeHistory refused on chain {} ({}); reading the pending block", chain.id(), e.kind());
        }
        Block pending = client.getBlockByNumber(BlockTag.PENDING, false)
                .orElseThrow(() -> new MevException("the node has no pending block"));
        BigInteger fee = pending.baseFeePerGas()
                .orElseThrow(() -> new MevException("the pending block has no base fee on chain " + chain.id()));
        long number = knownNumber >= 0 ? knownNumber + 1 : pending.number();
        return new NextBaseFee(number, fee, NextBaseFee.Source.NODE, Optional.empty());
    }

    /**
     * Priority fees paid in the last {@code blockCount} blocks at {@code percentiles} (ascending, 0..100).
     *
     * @throws ValidationException if {@code blockCount} is outside 1..1024 or the percentiles do not ascend
     */
    public PriorityFees priorityFees(int blockCount, double... percentiles) {
        if (percentiles.length == 0) {
            throw new ValidationException("percentiles", "[]", "must name at least one percentile");
        }
        FeeHistory history = client.feeHistory(blockCount, BlockTag.LATEST, percentiles);
        List<Double> asked = new ArrayList<>(percentiles.length);
        for (double p : percentiles) {
            asked.add(p);
        }
        return new PriorityFees(history.oldestBlock(), asked, history.reward());
    }
}
