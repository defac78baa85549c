package io.mevkit.core.sandwich.internal;

import io.mevkit.core.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * ABI-encoded arguments (the bytes after a selector, or an inner {@code bytes} value), decoded with web3j's
 * {@link FunctionReturnDecoder} after a strict layout check: every head offset and length must point inside the data,
 * and every address word must have its twelve high bytes clear, as Solidity's decoder demands. The check comes first
 * because web3j trusts the layout (a forged length can make it allocate or loop for a long time); anything that still
 * fails to decode is reported as {@link Malformed}, never thrown as an unchecked exception. Immutable.
 */
public final class AbiArgs {
    /** The types mevkit's router decoders read. */
    public enum Kind {
        /** Any 32-byte word read as an unsigned integer (also bools read the way assembly does: non-zero is true). */
        UINT,
        ADDRESS,
        ADDRESS_ARRAY,
        BYTES,
        BYTES_ARRAY
    }

    /** Calldata that does not decode as the expected arguments. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final int WORD = 32;

    private final List<Object> values;

    private AbiArgs(List<Object> values) {
        this.values = values;
    }

    /** Decodes {@code data[from, data.length)} as a tuple of {@code shape}. */
    @SuppressWarnings("rawtypes") // web3j's decoder returns raw Type lists
    public static AbiArgs decode(byte[] data, int from, List<Kind> shape) throws Malformed {
        byte[] args = Arrays.copyOfRange(data, from, data.length);
        checkLayout(args, shape);
        List<Type> decoded;
        try {
            decoded = FunctionReturnDecoder.decode(Numeric.toHexString(args), typeReferences(shape));
        } catch (RuntimeException e) {
            // the layout was checked; this guards against the decoder's own edge cases on hostile input
            throw new Malformed(
                    "web3j could not decode " + shape + ": " + e.getClass().getSimpleName());
        }
        if (decoded.size() != shape.size()) {
            throw new Malformed("decoded " + decoded.size() + " of " + shape.size() + " arguments");
        }
        List<Object> values = new ArrayList<>(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            values.add(convert(shape.get(i), decoded.get(i)));
        }
        return new AbiArgs(values);
    }

    public BigInteger uint(int index) {
        return (BigInteger) values.get(index);
    }

    public Address address(int index) {
        return (Address) values.get(index);
    }

    /** A bool read as the Universal Router's assembly reads it: any non-zero word is true. */
    public boolean flag(int index) {
        return uint(index).signum() != 0;
    }

    @SuppressWarnings("unchecked")
    public List<Address> addresses(int index) {
        return (List<Address>) values.get(index);
    }

    public byte[] bytes(int index) {
        return ((byte[]) values.get(index)).clone();
    }

    @SuppressWarnings("unchecked")
    public List<byte[]> bytesList(int index) {
        return (List<byte[]>) values.get(index);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<TypeReference<Type>> typeReferences(List<Kind> shape) {
        List<TypeReference<Type>> refs = new ArrayList<>(shape.size());
        for (Kind kind : shape) {
            TypeReference ref =
                    switch (kind) {
                        case UINT -> new TypeReference<Uint256>() {};
                        case ADDRESS -> new TypeReference<org.web3j.abi.datatypes.Address>() {};
                        case ADDRESS_ARRAY -> new TypeReference<DynamicArray<org.web3j.abi.datatypes.Address>>() {};
                        case BYTES -> new TypeReference<DynamicBytes>() {};
                        case BYTES_ARRAY -> new TypeReference<DynamicArray<DynamicBytes>>() {};
                    };
            refs.add(ref);
        }
        return refs;
    }

    @SuppressWarnings("rawtypes")
    private static Object convert(Kind kind, Type value) throws Malformed {
        try {
            return switch (kind) {
                case UINT -> (BigInteger) value.getValue();
                case ADDRESS -> toAddress(value);
                case ADDRESS_ARRAY -> {
                    List<Address> out = new ArrayList<>();
                    for (Object element : ((DynamicArray<?>) value).getValue()) {
                        out.add(toAddress((Type) element));
                    }
                    yield List.copyOf(out);
                }
                case BYTES -> ((DynamicBytes) value).getValue().clone();
                case BYTES_ARRAY -> {
                    List<byte[]> out = new ArrayList<>();
                    for (Object element : ((DynamicArray<?>) value).getValue()) {
                        out.add(((DynamicBytes) element).getValue().clone());
                    }
                    yield List.copyOf(out);
                }
            };
        } catch (ClassCastException e) {
            throw new Malformed("unexpected decoded type for " + kind);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Address toAddress(Type value) {
        return Address.fromBigInteger(
                ((org.web3j.abi.datatypes.Address) value).toUint().getValue());
    }

    private static void checkLayout(byte[] args, List<Kind> shape) throws Malformed {
        int length = args.length;
        if ((long) shape.size() * WORD > length) {
            throw new Malformed("needs " + shape.size() * WORD + " bytes of arguments, has " + length);
        }
        for (int i = 0; i < shape.size(); i++) {
            int head = i * WORD;
            switch (shape.get(i)) {
                case UINT -> {}
                case ADDRESS -> requireCleanAddress(args, head);
                case ADDRESS_ARRAY -> {
                    int offset = smallWord(args, head, "offset of argument " + i);
                    int count = lengthAt(args, offset, i);
                    requireWithin(length, offset + WORD + (long) count * WORD, i);
                    for (int j = 0; j < count; j++) {
                        requireCleanAddress(args, offset + WORD + j * WORD);
                    }
                }
                case BYTES -> {
                    int offset = smallWord(args, head, "offset of argument " + i);
                    int count = lengthAt(args, offset, i);
                    requireWithin(length, offset + WORD + (long) count, i);
                }
                case BYTES_ARRAY -> {
                    int offset = smallWord(args, head, "offset of argument " + i);
                    int count = lengthAt(args, offset, i);
                    long base = (long) offset + WORD;
                    requireWithin(length, base + (long) count * WORD, i);
                    for (int j = 0; j < count; j++) {
                        long element = base + smallWord(args, (int) base + j * WORD, "element offset");
                        requireWithin(length, element + WORD, i);
                        int elementLength = smallWord(args, (int) element, "element length");
                        requireWithin(length, element + WORD + elementLength, i);
                    }
                }
            }
        }
    }

    private static int lengthAt(byte[] args, int offset, int argument) throws Malformed {
        requireWithin(args.length, (long) offset + WORD, argument);
        return smallWord(args, offset, "length of argument " + argument);
    }

    private static void requireWithin(int length, long end, int argument) throws Malformed {
        if (end > length) {
            throw new Malformed("argument " + argument + " reaches byte " + end + " of " + length);
        }
    }

    /** A word that must fit in 31 bits (an offset or a length). */
    private static int smallWord(byte[] args, int at, String what) throws Malformed {
        if (at < 0 || at + WORD > args.length) {
            throw new Malformed(what + " lies outside the data");
        }
        for (int k = 0; k < WORD - 4; k++) {
            if (args[at + k] != 0) {
                throw new Malformed(what + " is too large");
            }
        }
        int value = ((args[at + 28] & 0xff) << 24)
                | ((args[at + 29] & 0xff) << 16)
                | ((args[at + 30] & 0xff) << 8)
                | (args[at + 31] & 0xff);
        if (value < 0) {
            throw new Malformed(what + " is too large");
        }
        return value;
    }

    private static void requireCleanAddress(byte[] args, int at) throws Malformed {
        for (int k = 0; k < 12; k++) {
            if (args[at + k] != 0) {
                throw new Malformed("address word at byte " + at + " has dirty high bytes");
            }
        }
    }
}
