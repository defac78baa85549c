package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounds-checked reader of ABI-encoded calldata: a view of one tuple's encoding, whose head words are read by index
 * and whose dynamic members are followed through their offsets. Every read that a router's decoder would reject fails
 * with {@link Malformed} (never an index or arithmetic exception), so untrusted calldata cannot throw.
 */
final class V3Calldata {
    private static final BigInteger INT_LIMIT = BigInteger.valueOf(Integer.MAX_VALUE);

    /** Calldata that does not decode; a checked exception, cheap (no stack trace), never leaves the decoder. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] data;
    private final int start;

    /** The tuple encoded at {@code start} of {@code data}. */
    V3Calldata(byte[] data, int start) {
        this.data = data;
        this.start = start;
    }

    /** Whether the head has at least {@code words} words. */
    boolean hasWords(int words) {
        return (long) start + 32L * words <= data.length;
    }

    /** The number of bytes from this tuple's start to the end of the data. */
    int remaining() {
        return data.length - start;
    }

    /** Head word {@code index} as an unsigned 256-bit integer. */
    BigInteger word(int index) throws Malformed {
        int pos = position(index);
        return new BigInteger(1, Arrays.copyOfRange(data, pos, pos + 32));
    }

    /** Head word {@code index} as a uint{@code bits}; the ABI requires the bits above to be zero. */
    BigInteger uint(int index, int bits) throws Malformed {
        BigInteger value = word(index);
        if (value.bitLength() > bits) {
            throw new Malformed("word " + index + " is not a uint" + bits + ": " + value.toString(16));
        }
        return value;
    }

    Address address(int index) throws Malformed {
        return Address.fromBigInteger(uint(index, 160));
    }

    boolean bool(int index) throws Malformed {
        BigInteger value = word(index);
        if (value.bitLength() > 1) {
            throw new Malformed("word " + index + " is not a bool");
        }
        return value.signum() != 0;
    }

    /** The tuple whose offset (relative to this tuple's start) is head word {@code index}. */
    V3Calldata tuple(int index) throws Malformed {
        return new V3Calldata(data, target(index));
    }

    /** The {@code bytes} whose offset is head word {@code index}. */
    byte[] bytes(int index) throws Malformed {
        int at = target(index);
        int length = length(at, 1);
        return Arrays.copyOfRange(data, at + 32, at + 32 + length);
    }

    /** The {@code bytes[]} whose offset is head word {@code index}. */
    List<byte[]> bytesArray(int index) throws Malformed {
        int at = target(index);
        int count = length(at, 32);
        V3Calldata elements = new V3Calldata(data, at + 32);
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(elements.bytes(i));
        }
        return list;
    }

    /** The {@code uint256[]} whose offset is head word {@code index}. */
    List<BigInteger> uintArray(int index) throws Malformed {
        int at = target(index);
        int count = length(at, 32);
        V3Calldata elements = new V3Calldata(data, at + 32);
        List<BigInteger> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(elements.word(i));
        }
        return list;
    }

    private int position(int index) throws Malformed {
        long pos = start + 32L * index;
        if (index < 0 || pos + 32 > data.length) {
            throw new Malformed("word " + index + " lies beyond the calldata (" + data.length + " bytes)");
        }
        return (int) pos;
    }

    /** The absolute position an offset word points to, checked to leave room for at least one word. */
    private int target(int index) throws Malformed {
        BigInteger offset = word(index);
        if (offset.compareTo(INT_LIMIT) > 0 || (long) start + offset.longValue() + 32 > data.length) {
            throw new Malformed("offset " + offset + " in word " + index + " lies beyond the calldata");
        }
        return start + offset.intValue();
    }

    /** A length word at {@code at} whose elements (of at least {@code elementBytes} each) must fit the data. */
    private int length(int at, int elementBytes) throws Malformed {
        BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, at, at + 32));
        long room = (long) data.length - at - 32;
        if (length.compareTo(INT_LIMIT) > 0 || length.longValue() * elementBytes > room) {
            throw new Malformed("length " + length + " at byte " + at + " exceeds the calldata");
        }
        return length.intValue();
    }
}
