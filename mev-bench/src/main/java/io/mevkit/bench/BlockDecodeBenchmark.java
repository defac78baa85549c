package io.mevkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.RpcJson;
import io.mevkit.core.rpc.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Decoding a real {@code eth_getBlockByNumber} response with full transactions (150 legacy, EIP-2930 and EIP-1559
 * transactions, with access lists and calldata, recorded from anvil by {@code RpcClientIT}) from its bytes: mevkit's
 * streaming decoder into its immutable {@link Block} (every quantity, address and hash parsed and validated) beside
 * web3j's {@link EthBlock} through web3j's own {@link ObjectMapperFactory} mapper. web3j keeps quantities as strings
 * and parses them in its getters, so a second web3j variant also reads the quantities mevkit parses eagerly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BlockDecodeBenchmark {
    static final String RESOURCE = "anvil-block-150-mixed-txs.json";

    private byte[] body;
    private ObjectMapper web3jMapper;

    @Setup
    public void setUp() {
        body = load(RESOURCE);
        web3jMapper = ObjectMapperFactory.getObjectMapper();
        Block ours = mevkitDecodeBlock();
        EthBlock.Block theirs = web3jDecodeBlock().getBlock();
        check(ours, theirs);
    }

    /** Both decoders must read the same block: transaction count, hashes and values, header figures. */
    @SuppressWarnings("rawtypes") // web3j's TransactionResult is generic but returned raw
    static void check(Block ours, EthBlock.Block theirs) {
        List<EthBlock.TransactionResult> txs = theirs.getTransactions();
        require(
                ours.transactions().size() == 150,
                "mevkit decoded " + ours.transactions().size() + " transactions");
        require(txs.size() == ours.transactions().size(), "web3j decoded " + txs.size() + " transactions");
        require(BigInteger.valueOf(ours.number()).equals(theirs.getNumber()), "block numbers differ");
        require(BigInteger.valueOf(ours.gasUsed()).equals(theirs.getGasUsed()), "gas used differs");
        require(ours.baseFeePerGas().orElseThrow().equals(theirs.getBaseFeePerGas()), "base fees differ");
        for (int i = 0; i < txs.size(); i++) {
            Transaction a = ours.transactions().get(i);
            EthBlock.TransactionObject b =
                    (EthBlock.TransactionObject) txs.get(i).get();
            require(a.hash().hex().equals(b.getHash().toLowerCase(Locale.ROOT)), "hash of transaction " + i);
            require(a.value().equals(b.getValue()), "value of transaction " + i);
            require(BigInteger.valueOf(a.nonce()).equals(b.getNonce()), "nonce of transaction " + i);
            require(a.from().hex().equals(b.getFrom().toLowerCase(Locale.ROOT)), "sender of transaction " + i);
            require(a.input().equals(b.getInput().toLowerCase(Locale.ROOT)), "input of transaction " + i);
            require(
                    a.accessList().size()
                            == (b.getAccessList() == null
                                    ? 0
                                    : b.getAccessList().size()),
                    "access list of transaction " + i);
        }
    }

    /** mevkit: response bytes to {@link Block}, through the same decoder as {@code RpcClient}. */
    @Benchmark
    public Block mevkitDecodeBlock() {
        return RpcJson.decodeResult("eth_getBlockByNumber", body, Block.class);
    }

    /** web3j: response bytes to {@link EthBlock} with web3j's mapper (quantities stay strings until read). */
    @Benchmark
    public EthBlock web3jDecodeBlock() {
        try {
            return web3jMapper.readValue(body, EthBlock.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** web3j, then reading the quantities mevkit has already parsed (value, nonce, gas, fees, block position). */
    @Benchmark
    @SuppressWarnings("rawtypes") // web3j's TransactionResult is generic but returned raw
    public void web3jDecodeBlockAndReadQuantities(Blackhole sink) {
        EthBlock.Block block = web3jDecodeBlock().getBlock();
        sink.consume(block.getNumber());
        sink.consume(block.getGasUsed());
        sink.consume(block.getBaseFeePerGas());
        for (EthBlock.TransactionResult result : block.getTransactions()) {
            EthBlock.TransactionObject tx = (EthBlock.TransactionObject) result.get();
            sink.consume(tx.getValue());
            sink.consume(tx.getNonce());
            sink.consume(tx.getGas());
            sink.consume(tx.getGasPrice());
            sink.consume(tx.getBlockNumber());
            sink.consume(tx.getTransactionIndex());
            sink.consume(tx.getChainId());
            sink.consume(tx.getV());
            if (tx.getMaxFeePerGasRaw() != null) {
                sink.consume(tx.getMaxFeePerGas());
                sink.consume(tx.getMaxPriorityFeePerGas());
            }
        }
    }

    static byte[] load(String resource) {
        try (InputStream in = BlockDecodeBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("mevkit and web3j disagree: " + what);
        }
    }
}
