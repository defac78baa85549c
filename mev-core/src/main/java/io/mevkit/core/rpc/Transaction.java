package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.internal.HexStrings;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A transaction as a node returns it ({@code eth_getTransactionByHash}, full blocks): legacy (type 0), EIP-2930
 * (type 1), EIP-1559 (type 2), EIP-4844 blob (type 3) and later types; fields a type lacks are empty. Amounts are
 * wei. The block position (and the block's timestamp, which newer nodes add) is empty for a pending transaction.
 * Immutable.
 *
 * @param gasPrice the legacy gas price; for EIP-1559 transactions in a block, nodes report the effective price here
 * @param input the calldata as lower-case 0x-prefixed hex ({@link #inputBytes()} decodes it)
 * @param type the EIP-2718 type, 0 for legacy
 * @param chainId empty for pre-EIP-155 legacy transactions
 * @param v the signature's v as the node reports it (27/28, EIP-155 encoded, or the y-parity for typed transactions)
 */
public record Transaction(
        Hash hash,
        long nonce,
        Optional<Hash> blockHash,
        OptionalLong blockNumber,
        OptionalLong blockTimestamp,
        OptionalLong transactionIndex,
        Address from,
        Optional<Address> to,
        BigInteger value,
        long gas,
        Optional<BigInteger> gasPrice,
        Optional<BigInteger> maxFeePerGas,
        Optional<BigInteger> maxPriorityFeePerGas,
        String input,
        int type,
        OptionalLong chainId,
        List<AccessListEntry> accessList,
        Optional<BigInteger> maxFeePerBlobGas,
        List<Hash> blobVersionedHashes,
        BigInteger v,
        BigInteger r,
        BigInteger s,
        OptionalInt yParity) {

    public Transaction {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(blockTimestamp, "blockTimestamp");
        Objects.requireNonNull(transactionIndex, "transactionIndex");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(gasPrice, "gasPrice");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
        Objects.requireNonNull(yParity, "yParity");
        if (nonce < 0) {
            throw new ValidationException("nonce", nonce, "must not be negative");
        }
        if (gas < 0) {
            throw new ValidationException("gas", gas, "must not be negative");
        }
        if (type < 0 || type > 0x7f) {
            throw new ValidationException("type", type, "must be an EIP-2718 type 0..0x7f");
        }
        Checks.requireUint256("value", value);
        gasPrice.ifPresent(p -> Checks.requireUint256("gasPrice", p));
        maxFeePerGas.ifPresent(p -> Checks.requireUint256("maxFeePerGas", p));
        maxPriorityFeePerGas.ifPresent(p -> Checks.requireUint256("maxPriorityFeePerGas", p));
        maxFeePerBlobGas.ifPresent(p -> Checks.requireUint256("maxFeePerBlobGas", p));
        Checks.requireUint256("v", v);
        Checks.requireUint256("r", r);
        Checks.requireUint256("s", s);
        input = HexStrings.requireData("input", Objects.requireNonNull(input, "input"));
        accessList = List.copyOf(accessList);
        blobVersionedHashes = List.copyOf(blobVersionedHashes);
    }

    /** The calldata as bytes (a fresh array). */
    public byte[] inputBytes() {
        return Hex.decode(input);
    }

    /** Whether this transaction creates a contract (it has no recipient). */
    public boolean isContractCreation() {
        return to.isEmpty();
    }

    /** Whether the transaction is in a block (not pending). */
    public boolean isMined() {
        return blockHash.isPresent();
    }
}
