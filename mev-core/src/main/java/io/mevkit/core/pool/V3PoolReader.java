package io.mevkit.core.pool;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.MevException;
import io.mevkit.core.rpc.BatchResult;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads Uniswap V3 pools' metadata and price state with every call pinned to one block number, all pools of a read
 * in one JSON-RPC batch. Holds no state; thread-safe as the client is.
 */
public final class V3PoolReader {
    private static final List<byte[]> SELECTORS = List.of(
            Hex.decode("0xc45a0155"), // factory()
            Hex.decode("0x0dfe1681"), // token0()
            Hex.decode("0xd21220a7"), // token1()
            Hex.decode("0xddca3f43"), // fee()
            Hex.decode("0xd0c93a7c"), // tickSpacing()
            Hex.decode("0x3850c7bd"), // slot0()
            Hex.decode("0x1a686502")); // liquidity()

    private static final String[] NAMES = {"factory", "token0", "token1", "fee", "tickSpacing", "slot0", "liquidity"};
    private static final int[] SIZES = {32, 32, 32, 32, 32, 224, 32};

    private final RpcClient client;

    private V3PoolReader(RpcClient client) {
        this.client = client;
    }

    public static V3PoolReader of(RpcClient client) {
        return new V3PoolReader(Objects.requireNonNull(client, "client"));
    }

    /** The state of {@code pool} at the end of {@code blockNumber}. */
    public V3PoolState read(Address pool, long blockNumber) {
        return readAll(List.of(pool), blockNumber).get(0);
    }

    /**
     * The states of {@code pools} at the end of {@code blockNumber}, in order, in one batch.
     *
     * @throws MevException if an address does not answer as a V3 pool
     */
    public List<V3PoolState> readAll(List<Address> pools, long blockNumber) {
        BlockTag block = BlockTag.number(blockNumber);
        int n = SELECTORS.size();
        List<RpcRequest<byte[]>> requests = new ArrayList<>(pools.size() * n);
        for (Address pool : pools) {
            for (byte[] selector : SELECTORS) {
                requests.add(V2PoolReader.call(pool, selector, block));
            }
        }
        BatchResult answers = client.batch(requests);
        List<V3PoolState> states = new ArrayList<>(pools.size());
        for (int p = 0; p < pools.size(); p++) {
            Address pool = pools.get(p);
            byte[][] a = new byte[n][];
            for (int i = 0; i < n; i++) {
                a[i] = V2PoolReader.answer(answers, requests.get(n * p + i), pool, NAMES[i], SIZES[i]);
            }
            byte[] slot0 = a[5];
            states.add(new V3PoolState(
                    pool,
                    V2PoolReader.address(a[0], 0, pool, "factory"),
                    V2PoolReader.address(a[1], 0, pool, "token0"),
                    V2PoolReader.address(a[2], 0, pool, "token1"),
                    small(a[3], 0, 24, false, pool, "fee"),
                    small(a[4], 0, 24, true, pool, "tickSpacing"),
                    V2PoolReader.word(slot0, 0),
                    small(slot0, 1, 24, true, pool, "slot0.tick"),
                    small(slot0, 2, 16, false, pool, "slot0.observationIndex"),
                    small(slot0, 3, 16, false, pool, "slot0.observationCardinality"),
                    small(slot0, 4, 16, false, pool, "slot0.observationCardinalityNext"),
                    small(slot0, 5, 8, false, pool, "slot0.feeProtocol"),
                    small(slot0, 6, 1, false, pool, "slot0.unlocked") == 1,
                    V2PoolReader.word(a[6], 0),
                    blockNumber));
        }
        return states;
    }

    /** A uintN or intN (two's complement, sign-extended over the word) in word {@code index}, range-checked. */
    private static int small(byte[] data, int index, int bits, boolean signed, Address pool, String field) {
        BigInteger raw = V2PoolReader.word(data, index);
        BigInteger value = signed && raw.testBit(255) ? raw.subtract(BigInteger.ONE.shiftLeft(256)) : raw;
        BigInteger limit = BigInteger.ONE.shiftLeft(signed ? bits - 1 : bits);
        BigInteger min = signed ? limit.negate() : BigInteger.ZERO;
        if (value.compareTo(min) < 0 || value.compareTo(limit) >= 0) {
            throw new MevException(
                    field + " of " + pool + " is out of range for " + (signed ? "int" : "uint") + bits + ": " + value);
        }
        return value.intValueExact();
    }
}
