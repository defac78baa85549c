package io.mevkit.examples.cli;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters, so a malformed address or hash is a usage error naming the option. */
public final class Converters {
    private Converters() {}

    /** {@code 0x} + 40 hex digits, EIP-55 checked when mixed case. */
    public static final class AddressConverter implements ITypeConverter<Address> {
        @Override
        public Address convert(String value) {
            try {
                return Address.of(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not an address (0x + 40 hex digits)");
            }
        }
    }

    /** {@code 0x} + 64 hex digits. */
    public static final class HashConverter implements ITypeConverter<Hash> {
        @Override
        public Hash convert(String value) {
            try {
                return Hash.of(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a hash (0x + 64 hex digits)");
            }
        }
    }
}
