package io.mevkit.core.rpc.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.AccessListEntry;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.FeeHistory;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.rpc.TransactionReceipt;
import io.mevkit.core.rpc.Withdrawal;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Streaming decoders of mevkit's JSON-RPC records: each reads one object field by field from a {@link JsonParser}
 * positioned at its {@code START_OBJECT}, skips fields it does not know (new forks add fields), and leaves the
 * parser at the matching {@code END_OBJECT}. A missing required field or a malformed value is a
 * {@link ValidationException} naming the field.
 */
public final class Decoders {
    private Decoders() {}

    // ------------------------------------------------------------------------------------------------- scalars

    static void expect(JsonParser p, JsonToken token, String field) throws IOException {
        if (p.currentToken() != token) {
            throw new ValidationException(field, String.valueOf(p.currentToken()), "must be " + describe(token));
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a JSON object";
            case START_ARRAY -> "a JSON array";
            case VALUE_STRING -> "a JSON string";
            default -> token.toString();
        };
    }

    static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new ValidationException(field, String.valueOf(p.currentToken()), "must be a JSON string");
        }
        return p.getText();
    }

    static boolean isNull(JsonParser p) {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }

    public static BigInteger quantity(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING ->
                HexStrings.quantity(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT -> {
                BigInteger v = p.getBigIntegerValue();
                if (v.signum() < 0) {
                    throw new ValidationException(field, v, "must not be negative");
                }
                yield v;
            }
            default -> throw new ValidationException(field, String.valueOf(p.currentToken()), "must be a hex quantity");
        };
    }

    public static long longQuantity(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING ->
                HexStrings.longQuantity(field, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            case VALUE_NUMBER_INT -> {
                long v = p.getLongValue();
                if (v < 0) {
                    throw new ValidationException(field, v, "must not be negative");
                }
                yield v;
            }
            default -> throw new ValidationException(field, String.valueOf(p.currentToken()), "must be a hex quantity");
        };
    }

    static @Nullable BigInteger optQuantity(JsonParser p, String field) throws IOException {
        return isNull(p) ? null : quantity(p, field);
    }

    static OptionalLong optLong(JsonParser p, String field) throws IOException {
        return isNull(p) ? OptionalLong.empty() : OptionalLong.of(longQuantity(p, field));
    }

    public static Hash hash(JsonParser p, String field) throws IOException {
        return Hash.of(field, text(p, field));
    }

    static @Nullable Hash optHash(JsonParser p, String field) throws IOException {
        return isNull(p) ? null : hash(p, field);
    }

    public static Address address(JsonParser p, String field) throws IOException {
        return Address.of(field, text(p, field));
    }

    static @Nullable Address optAddress(JsonParser p, String field) throws IOException {
        return isNull(p) ? null : address(p, field);
    }

    static List<Hash> hashes(JsonParser p, String field) throws IOException {
        if (isNull(p)) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, field);
        List<Hash> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(hash(p, field));
        }
        return out;
    }

    static List<BigInteger> quantities(JsonParser p, String field) throws IOException {
        if (isNull(p)) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, field);
        List<BigInteger> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(quantity(p, field));
        }
        return out;
    }

    static List<BigDecimal> decimals(JsonParser p, String field) throws IOException {
        if (isNull(p)) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, field);
        List<BigDecimal> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!p.currentToken().isNumeric()) {
                throw new ValidationException(field, String.valueOf(p.currentToken()), "must be numbers");
            }
            out.add(p.getDecimalValue());
        }
        return out;
    }

    /**
     * Reuses the Address and Hash of a text seen before in the same response: a block repeats its hash in every
     * transaction and the same senders, routers and tokens across transactions. Lives for one decode; not
     * thread-safe.
     */
    static final class Interner {
        private final Map<String, Address> addresses = new HashMap<>();
        private final Map<String, Hash> hashes = new HashMap<>();

        Address address(JsonParser p, String field) throws IOException {
            String text = text(p, field);
            Address address = addresses.get(text);
            if (address == null) {
                address = Address.of(field, text);
                addresses.put(text, address);
            }
            return address;
        }

        @Nullable
        Address optAddress(JsonParser p, String field) throws IOException {
            return isNull(p) ? null : address(p, field);
        }

        Hash hash(JsonParser p, String field) throws IOException {
            String text = text(p, field);
            Hash hash = hashes.get(text);
            if (hash == null) {
                hash = Hash.of(field, text);
                hashes.put(text, hash);
            }
            return hash;
        }

        @Nullable
        Hash optHash(JsonParser p, String field) throws IOException {
            return isNull(p) ? null : hash(p, field);
        }

        List<Hash> hashes(JsonParser p, String field) throws IOException {
            if (isNull(p)) {
                return List.of();
            }
            expect(p, JsonToken.START_ARRAY, field);
            List<Hash> out = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                out.add(hash(p, field));
            }
            return out;
        }
    }

    private static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new ValidationException(field, "absent", "is required");
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------- transaction

    public static Transaction transaction(JsonParser p) throws IOException {
        return transaction(p, new Interner());
    }

    static Transaction transaction(JsonParser p, Interner interner) throws IOException {
        expect(p, JsonToken.START_OBJECT, "transaction");
        Hash hash = null;
        long nonce = -1;
        Hash blockHash = null;
        OptionalLong blockNumber = OptionalLong.empty();
        OptionalLong blockTimestamp = OptionalLong.empty();
        OptionalLong transactionIndex = OptionalLong.empty();
        Address from = null;
        Address to = null;
        BigInteger value = null;
        long gas = -1;
        BigInteger gasPrice = null;
        BigInteger maxFeePerGas = null;
        BigInteger maxPriorityFeePerGas = null;
        String input = null;
        int type = 0;
        OptionalLong chainId = OptionalLong.empty();
        List<AccessListEntry> accessList = List.of();
        BigInteger maxFeePerBlobGas = null;
        List<Hash> blobVersionedHashes = List.of();
        BigInteger v = null;
        BigInteger r = null;
        BigInteger s = null;
        OptionalInt yParity = OptionalInt.empty();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "hash" -> hash = hash(p, field);
                case "nonce" -> nonce = longQuantity(p, field);
                case "blockHash" -> blockHash = interner.optHash(p, field);
                case "blockNumber" -> blockNumber = optLong(p, field);
                case "blockTimestamp" -> blockTimestamp = optLong(p, field);
                case "transactionIndex" -> transactionIndex = optLong(p, field);
                case "from" -> from = interner.address(p, field);
                case "to" -> to = interner.optAddress(p, field);
                case "value" -> value = quantity(p, field);
                case "gas" -> gas = longQuantity(p, field);
                case "gasPrice" -> gasPrice = optQuantity(p, field);
                case "maxFeePerGas" -> maxFeePerGas = optQuantity(p, field);
                case "maxPriorityFeePerGas" -> maxPriorityFeePerGas = optQuantity(p, field);
                case "input" -> input = text(p, field);
                case "type" -> type = isNull(p) ? 0 : (int) longQuantity(p, field);
                case "chainId" -> chainId = optLong(p, field);
                case "accessList" -> accessList = accessList(p, interner);
                case "maxFeePerBlobGas" -> maxFeePerBlobGas = optQuantity(p, field);
                case "blobVersionedHashes" -> blobVersionedHashes = hashes(p, field);
                case "v" -> v = quantity(p, field);
                case "r" -> r = quantity(p, field);
                case "s" -> s = quantity(p, field);
                case "yParity" ->
                    yParity = isNull(p) ? OptionalInt.empty() : OptionalInt.of((int) longQuantity(p, field));
                default -> p.skipChildren();
            }
        }
        if (nonce < 0) {
            throw new ValidationException("nonce", "absent", "is required");
        }
        if (gas < 0) {
            throw new ValidationException("gas", "absent", "is required");
        }
        return new Transaction(
                required(hash, "hash"),
                nonce,
                Optional.ofNullable(blockHash),
                blockNumber,
                blockTimestamp,
                transactionIndex,
                required(from, "from"),
                Optional.ofNullable(to),
                required(value, "value"),
                gas,
                Optional.ofNullable(gasPrice),
                Optional.ofNullable(maxFeePerGas),
                Optional.ofNullable(maxPriorityFeePerGas),
                required(input, "input"),
                type,
                chainId,
                accessList,
                Optional.ofNullable(maxFeePerBlobGas),
                blobVersionedHashes,
                required(v, "v"),
                required(r, "r"),
                required(s, "s"),
                yParity);
    }

    static List<AccessListEntry> accessList(JsonParser p, Interner interner) throws IOException {
        if (isNull(p)) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, "accessList");
        List<AccessListEntry> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, "accessList[]");
            Address address = null;
            List<Hash> keys = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "address" -> address = interner.address(p, "accessList[].address");
                    case "storageKeys" -> keys = interner.hashes(p, "accessList[].storageKeys");
                    default -> p.skipChildren();
                }
            }
            out.add(new AccessListEntry(required(address, "accessList[].address"), keys));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- block

    public static Block block(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "block");
        Interner interner = new Interner();
        long number = -1;
        Hash hash = null;
        Hash parentHash = null;
        String nonce = null;
        Hash sha3Uncles = null;
        String logsBloom = null;
        Hash transactionsRoot = null;
        Hash stateRoot = null;
        Hash receiptsRoot = null;
        Address miner = null;
        BigInteger difficulty = BigInteger.ZERO;
        BigInteger totalDifficulty = null;
        String extraData = null;
        OptionalLong size = OptionalLong.empty();
        long gasLimit = -1;
        long gasUsed = -1;
        long timestamp = -1;
        Hash mixHash = null;
        BigInteger baseFeePerGas = null;
        Hash withdrawalsRoot = null;
        OptionalLong blobGasUsed = OptionalLong.empty();
        OptionalLong excessBlobGas = OptionalLong.empty();
        Hash parentBeaconBlockRoot = null;
        Hash requestsHash = null;
        List<Hash> uncles = List.of();
        List<Hash> transactionHashes = List.of();
        List<Transaction> transactions = List.of();
        List<Withdrawal> withdrawals = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "number" -> number = longQuantity(p, field);
                case "hash" -> hash = interner.optHash(p, field);
                case "parentHash" -> parentHash = hash(p, field);
                case "nonce" -> nonce = isNull(p) ? null : text(p, field);
                case "sha3Uncles" -> sha3Uncles = hash(p, field);
                case "logsBloom" -> logsBloom = isNull(p) ? null : text(p, field);
                case "transactionsRoot" -> transactionsRoot = hash(p, field);
                case "stateRoot" -> stateRoot = hash(p, field);
                case "receiptsRoot" -> receiptsRoot = hash(p, field);
                case "miner" -> miner = interner.optAddress(p, field);
                case "difficulty" -> difficulty = isNull(p) ? BigInteger.ZERO : quantity(p, field);
                case "totalDifficulty" -> totalDifficulty = optQuantity(p, field);
                case "extraData" -> extraData = text(p, field);
                case "size" -> size = optLong(p, field);
                case "gasLimit" -> gasLimit = longQuantity(p, field);
                case "gasUsed" -> gasUsed = longQuantity(p, field);
                case "timestamp" -> timestamp = longQuantity(p, field);
                case "mixHash" -> mixHash = optHash(p, field);
                case "baseFeePerGas" -> baseFeePerGas = optQuantity(p, field);
                case "withdrawalsRoot" -> withdrawalsRoot = optHash(p, field);
                case "blobGasUsed" -> blobGasUsed = optLong(p, field);
                case "excessBlobGas" -> excessBlobGas = optLong(p, field);
                case "parentBeaconBlockRoot" -> parentBeaconBlockRoot = optHash(p, field);
                case "requestsHash" -> requestsHash = optHash(p, field);
                case "uncles" -> uncles = hashes(p, field);
                case "transactions" -> {
                    if (!isNull(p)) {
                        expect(p, JsonToken.START_ARRAY, field);
                        List<Hash> hashes = new ArrayList<>();
                        List<Transaction> full = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            if (p.currentToken() == JsonToken.VALUE_STRING) {
                                hashes.add(Hash.of("transactions[]", p.getText()));
                            } else {
                                Transaction tx = transaction(p, interner);
                                full.add(tx);
                                hashes.add(tx.hash());
                            }
                        }
                        if (!full.isEmpty() && full.size() != hashes.size()) {
                            throw new ValidationException(
                                    "transactions", hashes.size(), "must be all hashes or all objects");
                        }
                        transactionHashes = hashes;
                        transactions = full;
                    }
                }
                case "withdrawals" -> withdrawals = withdrawals(p);
                default -> p.skipChildren();
            }
        }
        if (number < 0) {
            throw new ValidationException("number", "absent", "is required");
        }
        if (gasLimit < 0 || gasUsed < 0 || timestamp < 0) {
            throw new ValidationException("gasLimit/gasUsed/timestamp", "absent", "are required");
        }
        return new Block(
                number,
                Optional.ofNullable(hash),
                required(parentHash, "parentHash"),
                Optional.ofNullable(nonce),
                required(sha3Uncles, "sha3Uncles"),
                Optional.ofNullable(logsBloom),
                required(transactionsRoot, "transactionsRoot"),
                required(stateRoot, "stateRoot"),
                required(receiptsRoot, "receiptsRoot"),
                Optional.ofNullable(miner),
                difficulty,
                Optional.ofNullable(totalDifficulty),
                required(extraData, "extraData"),
                size,
                gasLimit,
                gasUsed,
                timestamp,
                Optional.ofNullable(mixHash),
                Optional.ofNullable(baseFeePerGas),
                Optional.ofNullable(withdrawalsRoot),
                blobGasUsed,
                excessBlobGas,
                Optional.ofNullable(parentBeaconBlockRoot),
                Optional.ofNullable(requestsHash),
                uncles,
                transactionHashes,
                transactions,
                withdrawals);
    }

    static List<Withdrawal> withdrawals(JsonParser p) throws IOException {
        if (isNull(p)) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, "withdrawals");
        List<Withdrawal> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(p, JsonToken.START_OBJECT, "withdrawals[]");
            long index = -1;
            long validator = -1;
            Address address = null;
            BigInteger amount = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "index" -> index = longQuantity(p, "withdrawals[].index");
                    case "validatorIndex" -> validator = longQuantity(p, "withdrawals[].validatorIndex");
                    case "address" -> address = address(p, "withdrawals[].address");
                    case "amount" -> amount = quantity(p, "withdrawals[].amount");
                    default -> p.skipChildren();
                }
            }
            if (index < 0 || validator < 0) {
                throw new ValidationException("withdrawals[].index", "absent", "index and validatorIndex are required");
            }
            out.add(new Withdrawal(
                    index,
                    validator,
                    required(address, "withdrawals[].address"),
                    required(amount, "withdrawals[].amount")));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- logs, receipts

    public static Log log(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "log");
        Address address = null;
        List<Hash> topics = List.of();
        String data = null;
        OptionalLong blockNumber = OptionalLong.empty();
        Hash blockHash = null;
        OptionalLong blockTimestamp = OptionalLong.empty();
        Hash transactionHash = null;
        OptionalLong transactionIndex = OptionalLong.empty();
        OptionalLong logIndex = OptionalLong.empty();
        boolean removed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "address" -> address = address(p, field);
                case "topics" -> topics = hashes(p, field);
                case "data" -> data = text(p, field);
                case "blockNumber" -> blockNumber = optLong(p, field);
                case "blockHash" -> blockHash = optHash(p, field);
                case "blockTimestamp" -> blockTimestamp = optLong(p, field);
                case "transactionHash" -> transactionHash = optHash(p, field);
                case "transactionIndex" -> transactionIndex = optLong(p, field);
                case "logIndex" -> logIndex = optLong(p, field);
                case "removed" -> removed = p.currentToken() == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }
        return new Log(
                required(address, "address"),
                topics,
                required(data, "data"),
                blockNumber,
                Optional.ofNullable(blockHash),
                blockTimestamp,
                Optional.ofNullable(transactionHash),
                transactionIndex,
                logIndex,
                removed);
    }

    public static List<Log> logs(JsonParser p) throws IOException {
        if (isNull(p)) {
            return List.of();
        }
        expect(p, JsonToken.START_ARRAY, "logs");
        List<Log> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(log(p));
        }
        return out;
    }

    public static TransactionReceipt receipt(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "receipt");
        Hash transactionHash = null;
        long transactionIndex = -1;
        Hash blockHash = null;
        long blockNumber = -1;
        Address from = null;
        Address to = null;
        long cumulativeGasUsed = -1;
        long gasUsed = -1;
        BigInteger effectiveGasPrice = null;
        Address contractAddress = null;
        List<Log> logs = List.of();
        String logsBloom = null;
        int type = 0;
        OptionalLong status = OptionalLong.empty();
        OptionalLong blobGasUsed = OptionalLong.empty();
        BigInteger blobGasPrice = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "transactionHash" -> transactionHash = hash(p, field);
                case "transactionIndex" -> transactionIndex = longQuantity(p, field);
                case "blockHash" -> blockHash = hash(p, field);
                case "blockNumber" -> blockNumber = longQuantity(p, field);
                case "from" -> from = address(p, field);
                case "to" -> to = optAddress(p, field);
                case "cumulativeGasUsed" -> cumulativeGasUsed = longQuantity(p, field);
                case "gasUsed" -> gasUsed = longQuantity(p, field);
                case "effectiveGasPrice" -> effectiveGasPrice = optQuantity(p, field);
                case "contractAddress" -> contractAddress = optAddress(p, field);
                case "logs" -> logs = logs(p);
                case "logsBloom" -> logsBloom = text(p, field);
                case "type" -> type = isNull(p) ? 0 : (int) longQuantity(p, field);
                case "status" -> status = optLong(p, field);
                case "blobGasUsed" -> blobGasUsed = optLong(p, field);
                case "blobGasPrice" -> blobGasPrice = optQuantity(p, field);
                default -> p.skipChildren();
            }
        }
        if (transactionIndex < 0 || blockNumber < 0 || cumulativeGasUsed < 0 || gasUsed < 0) {
            throw new ValidationException(
                    "transactionIndex/blockNumber/gasUsed/cumulativeGasUsed", "absent", "are required");
        }
        return new TransactionReceipt(
                required(transactionHash, "transactionHash"),
                transactionIndex,
                required(blockHash, "blockHash"),
                blockNumber,
                required(from, "from"),
                Optional.ofNullable(to),
                cumulativeGasUsed,
                gasUsed,
                required(effectiveGasPrice, "effectiveGasPrice"),
                Optional.ofNullable(contractAddress),
                logs,
                required(logsBloom, "logsBloom"),
                type,
                status,
                blobGasUsed,
                Optional.ofNullable(blobGasPrice));
    }

    // ----------------------------------------------------------------------------------------------- fee history

    public static FeeHistory feeHistory(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "feeHistory");
        long oldest = -1;
        List<BigInteger> baseFees = List.of();
        List<BigDecimal> ratios = List.of();
        List<List<BigInteger>> reward = List.of();
        List<BigInteger> blobBaseFees = List.of();
        List<BigDecimal> blobRatios = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "oldestBlock" -> oldest = longQuantity(p, field);
                case "baseFeePerGas" -> baseFees = quantities(p, field);
                case "gasUsedRatio" -> ratios = decimals(p, field);
                case "baseFeePerBlobGas" -> blobBaseFees = quantities(p, field);
                case "blobGasUsedRatio" -> blobRatios = decimals(p, field);
                case "reward" -> {
                    if (!isNull(p)) {
                        expect(p, JsonToken.START_ARRAY, field);
                        List<List<BigInteger>> rows = new ArrayList<>();
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            rows.add(quantities(p, field));
                        }
                        reward = rows;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (oldest < 0) {
            throw new ValidationException("oldestBlock", "absent", "is required");
        }
        return new FeeHistory(oldest, baseFees, ratios, reward, blobBaseFees, blobRatios);
    }
}
