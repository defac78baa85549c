package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import java.util.List;
import java.util.Objects;

/** One entry of an EIP-2930 access list: an address and the storage slots of it the transaction pre-declares. */
public record AccessListEntry(Address address, List<Hash> storageKeys) {
    public AccessListEntry {
        Objects.requireNonNull(address, "address");
        storageKeys = List.copyOf(storageKeys);
    }
}
