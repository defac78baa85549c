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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads Uniswap V2-style pairs with every call pinned to one block number, all pools of a read in one JSON-RPC
 * batch, and looks pairs up through their factory. Holds no state; thread-safe as the client is.
 */
public final class V2PoolReader {
    private static final byte[] TOKEN0 = Hex.decode("0x0dfe1681");
    private static final byte[] TOKEN1 = Hex.decode("0xd21220a7");
    private static final byte[] GET_RESERVES = Hex.decode("0x0902f1ac");
    private static final byte[] FACTORY = Hex.decode("0xc45a0155");
    private static final byte[] GET_PAIR = Hex.decode("0xe6a43905");

    private final RpcClient client;
    private final V2FeeRegistry fees;

    private V2PoolReader(RpcClient client, V2FeeRegistry fees) {
        this.client = client;
        this.fees = fees;
    }

    public static V2PoolReader of(RpcClient client, V2FeeRegistry fees) {
        return new V2PoolReader(Objects.requireNonNull(client, "client"), Objects.requireNonNull(fees, "fees"));
    }

    /** The state of {@code pool} at the end of {@code blockNumber}. */
    public V2PoolState read(Address pool, long blockNumber) {
        return readAll(List.of(pool), blockNumber).get(0);
    }

    /**
     * The states of {@code pools} at the end of {@code blockNumber}, in order, in one batch.
     *
     * @throws MevException if an address does not answer as a V2 pair
     */
    public List<V2PoolState> readAll(List<Address> pools, long blockNumber) {
        BlockTag block = BlockTag.number(blockNumber);
        List<RpcRequest<byte[]>> requests = new ArrayList<>(pools.size() * 4);
        for (Address pool : pools) {
            for (byte[] selector : List.of(FACTORY, TOKEN0, TOKEN1, GET_RESERVES)) {
                requests.add(call(pool, selector, block));
            }
        }
        BatchResult answers = client.batch(requests);
        List<V2PoolState> states = new ArrayList<>(pools.size());
        for (int p = 0; p < pools.size(); p++) {
            Address pool = pools.get(p);
            byte[] factory = answer(answers, requests.get(4 * p), pool, "factory", 32);
            byte[] token0 = answer(answers, requests.get(4 * p + 1), pool, "token0", 32);
            byte[] token1 = answer(answers, requests.get(4 * p + 2), pool, "token1", 32);
            byte[] reserves = answer(answers, requests.get(4 * p + 3), pool, "getReserves", 96);
            states.add(new V2PoolState(
                    pool,
                    address(factory, 0, pool, "factory"),
                    address(token0, 0, pool, "token0"),
                    address(token1, 0, pool, "token1"),
                    word(reserves, 0),
                    word(reserves, 1),
                    word(reserves, 2).longValueExact(),
                    blockNumber));
        }
        return states;
    }

    /** The pair of two tokens through {@code factory.getPair}, at {@code blockNumber}; empty if none was created. */
    public Optional<Address> pairFor(Address factory, Address tokenA, Address tokenB, long blockNumber) {
        byte[] data = new byte[4 + 64];
        System.arraycopy(GET_PAIR, 0, data, 0, 4);
        System.arraycopy(tokenA.bytes(), 0, data, 4 + 12, 20);
        System.arraycopy(tokenB.bytes(), 0, data, 4 + 32 + 12, 20);
        byte[] answer = Objects.requireNonNull(
                client.call(RpcRequest.of(
                        "eth_call", byte[].class, Map.of("to", factory, "data", data), BlockTag.number(blockNumber))),
                "eth_call result");
        if (answer.length != 32) {
            throw new MevException("getPair of factory " + factory + " answered " + answer.length + " bytes");
        }
        Address pair = address(answer, 0, factory, "getPair");
        return pair.equals(Address.ZERO) ? Optional.empty() : Optional.of(pair);
    }

    /**
     * The fee of {@code state}'s pair, from the registry by its factory.
     *
     * @throws UnknownFee if the factory is not registered
     */
    public V2Fee feeOf(V2PoolState state) {
        return fees.feeOf(state.factory());
    }

    static RpcRequest<byte[]> call(Address to, byte[] data, BlockTag block) {
        return RpcRequest.of("eth_call", byte[].class, Map.of("to", to, "data", data), block);
    }

    static byte[] answer(BatchResult answers, RpcRequest<byte[]> request, Address pool, String method, int size) {
        byte[] answer = Objects.requireNonNull(answers.get(request), "eth_call result");
        if (answer.length != size) {
            throw new MevException(method + "() of " + pool + " answered " + answer.length + " bytes, not " + size
                    + ": not a V2 pair");
        }
        return answer;
    }

    static Address address(byte[] word, int index, Address from, String method) {
        byte[] slot = Arrays.copyOfRange(word, 32 * index, 32 * index + 32);
        for (int i = 0; i < 12; i++) {
            if (slot[i] != 0) {
                throw new MevException(method + "() of " + from + " is not an address: " + Hex.encode(slot));
            }
        }
        return Address.of(Hex.encode(Arrays.copyOfRange(slot, 12, 32)));
    }

    static BigInteger word(byte[] data, int index) {
        return new BigInteger(1, Arrays.copyOfRange(data, 32 * index, 32 * index + 32));
    }
}
