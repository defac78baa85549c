package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types validate what they hold. */
class RpcValuesTest {
    private static final Hash H = Hash.of("0x" + "11".repeat(32));
    private static final Address A = Address.of("0x" + "22".repeat(20));

    @Test
    void blockTagsAreNamedTagsOrQuantities() {
        assertEquals("latest", BlockTag.LATEST.value());
        assertEquals("0x0", BlockTag.number(0).value());
        assertEquals("0x1506d4e", BlockTag.number(22_048_078).value());
        assertEquals(OptionalLong.of(22_048_078), BlockTag.number(22_048_078).blockNumber());
        assertEquals(OptionalLong.empty(), BlockTag.FINALIZED.blockNumber());
        assertEquals(BlockTag.number(5), BlockTag.number(BigInteger.valueOf(5)));
        assertEquals(BlockTag.number(Long.MAX_VALUE), new BlockTag("0x7fffffffffffffff"));
        assertThrows(IllegalArgumentException.class, () -> BlockTag.number(-1));
        assertThrows(IllegalArgumentException.class, () -> BlockTag.number(BigInteger.ONE.shiftLeft(63)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Latest", "0x", "0x01", "12", "0xg", "0x8000000000000000", "safe "})
    void badBlockTagsAreRejected(String tag) {
        assertThrows(IllegalArgumentException.class, () -> new BlockTag(tag));
    }

    @Test
    void requestsDefaultTheirIdempotencyByMethodAndValidateTimeouts() {
        RpcRequest<Long> read = RpcRequest.of("eth_blockNumber", Long.class);
        assertTrue(read.idempotent());
        assertFalse(RpcRequest.of("eth_sendBundle", String.class).idempotent());
        assertTrue(RpcRequest.of("eth_sendBundle", String.class)
                .withIdempotent(true)
                .idempotent());
        assertEquals(
                Optional.of(Duration.ofMillis(5)),
                read.withTimeout(Duration.ofMillis(5)).timeout());
        assertThrows(IllegalArgumentException.class, () -> read.withTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RpcRequest.of("eth call", Long.class));
        RpcRequest<String> withNull = RpcRequest.of("eth_x", String.class, "a", null);
        assertEquals(2, withNull.params().size());
        assertThrows(
                UnsupportedOperationException.class, () -> withNull.params().add("b"));
        assertFalse(RpcRequest.of("eth_sendRawTransaction", String.class, "0xsecretish")
                .toString()
                .contains("0xsecretish"));
    }

    private static Transaction tx(String input, BigInteger value, int type) {
        return new Transaction(
                H,
                1,
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                A,
                Optional.of(A),
                value,
                21_000,
                Optional.of(BigInteger.TEN),
                Optional.empty(),
                Optional.empty(),
                input,
                type,
                OptionalLong.of(1),
                List.of(),
                Optional.empty(),
                List.of(),
                BigInteger.ONE,
                BigInteger.TWO,
                BigInteger.TEN,
                OptionalInt.empty());
    }

    @Test
    void transactionsValidateAmountsDataAndType() {
        Transaction ok = tx("0xABcd", BigInteger.ONE, 2);
        assertEquals("0xabcd", ok.input());
        assertEquals(2, ok.inputBytes().length);
        assertFalse(ok.isMined());
        assertEquals(
                "input",
                assertThrows(ValidationException.class, () -> tx("0xabc", BigInteger.ONE, 2))
                        .field());
        assertEquals(
                "input",
                assertThrows(ValidationException.class, () -> tx("abcd", BigInteger.ONE, 2))
                        .field());
        assertEquals(
                "value",
                assertThrows(ValidationException.class, () -> tx("0x", BigInteger.ONE.negate(), 2))
                        .field());
        assertEquals(
                "value",
                assertThrows(ValidationException.class, () -> tx("0x", BigInteger.ONE.shiftLeft(256), 2))
                        .field());
        assertEquals(
                "type",
                assertThrows(ValidationException.class, () -> tx("0x", BigInteger.ONE, 0x80))
                        .field());
    }

    @Test
    void logFiltersValidateTheirShape() {
        LogFilter byHash = LogFilter.builder().blockHash(H).address(A).build();
        assertEquals(Optional.of(H), byHash.blockHash());
        assertThrows(ValidationException.class, () -> LogFilter.builder()
                .blockHash(H)
                .fromBlock(BlockTag.number(1))
                .build());
        assertThrows(ValidationException.class, () -> LogFilter.builder()
                .fromBlock(BlockTag.number(9))
                .toBlock(BlockTag.number(2))
                .build());
        assertThrows(ValidationException.class, () -> LogFilter.builder().topic(4, H));
        LogFilter topics = LogFilter.builder().topic(3, H).build();
        assertEquals(List.of(List.of(), List.of(), List.of(), List.of(H)), topics.topics());
    }

    @Test
    void rpcExceptionsDescribeThemselves() {
        RpcException e = RpcException.rpcError("eth_call", "host/", 3, "execution reverted", "\"0x08c379a0\"");
        assertEquals("eth_call at host/: JSON-RPC error 3: execution reverted", e.getMessage());
        RpcException renamed = e.withMethod("eth_estimateGas");
        assertEquals("eth_estimateGas at host/: JSON-RPC error 3: execution reverted", renamed.getMessage());
        assertEquals(3, renamed.code().orElseThrow());
        assertEquals("0x08c379a0", renamed.data().orElseThrow().asText());
        assertThrows(
                IllegalArgumentException.class,
                () -> RpcException.of(RpcException.Kind.RPC_ERROR, "m", null, "d", null));
        assertTrue(RpcException.httpStatus("m", null, 429, null, null, null).isRetryable());
        assertFalse(RpcException.httpStatus("m", null, 404, null, null, null).isRetryable());
        assertTrue(
                RpcException.rpcError("m", null, -32005, "limit exceeded", null).isRetryable());
    }
}
