package io.mevkit.core.token.internal;

import io.mevkit.core.Address;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ABI encoding of Multicall3 {@code aggregate3((address,bool,bytes)[])} and decoding of its
 * {@code (bool,bytes)[]} answer, plus the ERC-20 return values (uint8, string, bytes32). Offsets and lengths are
 * bounds-checked: a malformed answer is an {@link IllegalArgumentException}, never a wrong value.
 */
public final class Multicall3Codec {
    /** {@code aggregate3((address,bool,bytes)[])}. */
    private static final byte[] AGGREGATE3 = {(byte) 0x82, (byte) 0xad, 0x56, (byte) 0xcb};

    private Multicall3Codec() {}

    /** One call of a batch. */
    public record Call(Address target, byte[] data) {}

    /** One answer: whether the call succeeded and what it returned (revert data when it failed). */
    public record Result(boolean success, byte[] data) {}

    /** The calldata of {@code aggregate3} with allowFailure set on every call. */
    public static byte[] encodeAggregate3(List<Call> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AGGREGATE3);
        out.writeBytes(word(32)); // offset of the array
        out.writeBytes(word(calls.size()));
        List<byte[]> tuples = new ArrayList<>(calls.size());
        for (Call call : calls) {
            ByteArrayOutputStream tuple = new ByteArrayOutputStream();
            byte[] address = new byte[32];
            System.arraycopy(call.target().bytes(), 0, address, 12, 20);
            tuple.writeBytes(address);
            tuple.writeBytes(word(1)); // allowFailure
            tuple.writeBytes(word(96)); // offset of callData within the tuple
            tuple.writeBytes(word(call.data().length));
            tuple.writeBytes(padded(call.data()));
            tuples.add(tuple.toByteArray());
        }
        long offset = 32L * calls.size();
        for (byte[] tuple : tuples) {
            out.writeBytes(word(offset));
            offset += tuple.length;
        }
        tuples.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** Decodes the {@code (bool success, bytes returnData)[]} that {@code aggregate3} returns. */
    public static List<Result> decodeAggregate3(byte[] answer, int expectedCount) {
        int arrayStart = offset(answer, 0, 0);
        int count = length(answer, arrayStart);
        if (count != expectedCount) {
            throw new IllegalArgumentException("aggregate3 returned " + count + " results for " + expectedCount);
        }
        int heads = arrayStart + 32;
        List<Result> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int tuple = offset(answer, heads + 32 * i, heads);
            BigInteger success = uint(answer, tuple);
            if (success.compareTo(BigInteger.ONE) > 0) {
                throw new IllegalArgumentException("success flag is not a bool: " + success);
            }
            int bytesAt = offset(answer, tuple + 32, tuple);
            int length = length(answer, bytesAt);
            results.add(new Result(success.signum() == 1, slice(answer, bytesAt + 32, length)));
        }
        return results;
    }

    /** The uint256 in a 32-byte answer, or null if the answer is not exactly one word. */
    public static @Nullable BigInteger decodeUintWord(byte[] answer) {
        return answer.length == 32 ? new BigInteger(1, answer) : null;
    }

    /**
     * A {@code string} answer, or a {@code bytes32} one (exactly 32 bytes: text up to the first zero byte).
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static String decodeText(byte[] answer) {
        if (answer.length == 32) {
            int end = 0;
            while (end < 32 && answer[end] != 0) {
                end++;
            }
            return new String(answer, 0, end, StandardCharsets.UTF_8);
        }
        int at = offset(answer, 0, 0);
        int length = length(answer, at);
        return new String(slice(answer, at + 32, length), StandardCharsets.UTF_8);
    }

    private static byte[] word(long value) {
        byte[] word = new byte[32];
        for (int i = 0; i < 8; i++) {
            word[31 - i] = (byte) (value >>> (8 * i));
        }
        return word;
    }

    private static byte[] padded(byte[] data) {
        byte[] out = new byte[(data.length + 31) / 32 * 32];
        System.arraycopy(data, 0, out, 0, data.length);
        return out;
    }

    private static BigInteger uint(byte[] data, int at) {
        if (at < 0 || at + 32 > data.length) {
            throw new IllegalArgumentException("word at " + at + " beyond " + data.length + " bytes");
        }
        byte[] word = new byte[32];
        System.arraycopy(data, at, word, 0, 32);
        return new BigInteger(1, word);
    }

    private static int offset(byte[] data, int at, int base) {
        BigInteger value = uint(data, at);
        if (value.bitLength() > 31 || base + value.intValue() > data.length - 32) {
            throw new IllegalArgumentException("offset " + value + " at " + at + " beyond " + data.length + " bytes");
        }
        return base + value.intValue();
    }

    private static int length(byte[] data, int at) {
        BigInteger value = uint(data, at);
        if (value.bitLength() > 31 || (long) at + 32 + value.longValue() > data.length) {
            throw new IllegalArgumentException("length " + value + " at " + at + " beyond " + data.length + " bytes");
        }
        return value.intValue();
    }

    private static byte[] slice(byte[] data, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, from, out, 0, length);
        return out;
    }
}
