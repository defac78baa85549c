package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.internal.HexStrings;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A block as {@code eth_getBlockByNumber}/{@code eth_getBlockByHash} return it, header fields through Prague.
 * {@link #transactions()} holds the full transactions when they were asked for, and is empty otherwise;
 * {@link #transactionHashes()} is always filled. Fields a fork or a pending block lacks are empty. Immutable.
 *
 * @param hash empty for a pending block
 * @param nonce the 8-byte proof-of-work nonce as hex (zero since the merge); empty for a pending block
 * @param logsBloom the 256-byte bloom filter as hex; empty for a pending block
 * @param miner the fee recipient; empty for a pending block
 * @param extraData lower-case 0x-prefixed hex
 * @param size the block's RLP size in bytes, when the node reports it
 * @param mixHash the pre-merge mix hash, or the post-merge {@code prevRandao}
 * @param baseFeePerGas wei, from London on
 */
public record Block(
        long number,
        Optional<Hash> hash,
        Hash parentHash,
        Optional<String> nonce,
        Hash sha3Uncles,
        Optional<String> logsBloom,
        Hash transactionsRoot,
        Hash stateRoot,
        Hash receiptsRoot,
        Optional<Address> miner,
        BigInteger difficulty,
        Optional<BigInteger> totalDifficulty,
        String extraData,
        OptionalLong size,
        long gasLimit,
        long gasUsed,
        long timestamp,
        Optional<Hash> mixHash,
        Optional<BigInteger> baseFeePerGas,
        Optional<Hash> withdrawalsRoot,
        OptionalLong blobGasUsed,
        OptionalLong excessBlobGas,
        Optional<Hash> parentBeaconBlockRoot,
        Optional<Hash> requestsHash,
        List<Hash> uncles,
        List<Hash> transactionHashes,
        List<Transaction> transactions,
        List<Withdrawal> withdrawals) {

    public Block {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(sha3Uncles, "sha3Uncles");
        Objects.requireNonNull(logsBloom, "logsBloom");
        Objects.requireNonNull(transactionsRoot, "transactionsRoot");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(receiptsRoot, "receiptsRoot");
        Objects.requireNonNull(miner, "miner");
        Objects.requireNonNull(difficulty, "difficulty");
        Objects.requireNonNull(totalDifficulty, "totalDifficulty");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(mixHash, "mixHash");
        Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
        Objects.requireNonNull(withdrawalsRoot, "withdrawalsRoot");
        Objects.requireNonNull(blobGasUsed, "blobGasUsed");
        Objects.requireNonNull(excessBlobGas, "excessBlobGas");
        Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
        Objects.requireNonNull(requestsHash, "requestsHash");
        if (number < 0) {
            throw new ValidationException("number", number, "must not be negative");
        }
        if (gasLimit < 0 || gasUsed < 0 || gasUsed > gasLimit) {
            throw new ValidationException("gasUsed", gasUsed, "must be within 0..gasLimit (" + gasLimit + ")");
        }
        if (timestamp < 0) {
            throw new ValidationException("timestamp", timestamp, "must not be negative");
        }
        if (difficulty.signum() < 0) {
            throw new ValidationException("difficulty", difficulty, "must not be negative");
        }
        extraData = HexStrings.requireData("extraData", Objects.requireNonNull(extraData, "extraData"));
        nonce = nonce.map(n -> HexStrings.requireData("nonce", n));
        logsBloom = logsBloom.map(b -> HexStrings.requireData("logsBloom", b));
        uncles = List.copyOf(uncles);
        transactionHashes = List.copyOf(transactionHashes);
        transactions = List.copyOf(transactions);
        withdrawals = List.copyOf(withdrawals);
        if (!transactions.isEmpty()) {
            if (transactions.size() != transactionHashes.size()) {
                throw new ValidationException(
                        "transactionHashes",
                        transactionHashes.size(),
                        "must list the " + transactions.size() + " transactions");
            }
            for (int i = 0; i < transactions.size(); i++) {
                if (!transactions.get(i).hash().equals(transactionHashes.get(i))) {
                    throw new ValidationException(
                            "transactionHashes[" + i + "]",
                            transactionHashes.get(i),
                            "must be transaction " + i + "'s hash");
                }
            }
        }
    }

    /** Whether the full transactions were decoded (or the block has none). */
    public boolean hasFullTransactions() {
        return transactions.size() == transactionHashes.size();
    }
}
