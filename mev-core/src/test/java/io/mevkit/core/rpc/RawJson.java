package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Compares decoded records field by field with the raw JSON a node sent, parsing the JSON independently of
 * mevkit's decoders, and fails on any field the records do not model (so nothing is dropped unnoticed).
 */
final class RawJson {
    /** Fields the records deliberately do not model. */
    private static final Set<String> TOLERATED = Set.of("authorizationList");

    private static final Set<String> BLOCK_FIELDS = Set.of(
            "number",
            "hash",
            "parentHash",
            "nonce",
            "sha3Uncles",
            "logsBloom",
            "transactionsRoot",
            "stateRoot",
            "receiptsRoot",
            "miner",
            "difficulty",
            "totalDifficulty",
            "extraData",
            "size",
            "gasLimit",
            "gasUsed",
            "timestamp",
            "mixHash",
            "baseFeePerGas",
            "withdrawalsRoot",
            "blobGasUsed",
            "excessBlobGas",
            "parentBeaconBlockRoot",
            "requestsHash",
            "uncles",
            "transactions",
            "withdrawals");
    private static final Set<String> TX_FIELDS = Set.of(
            "hash",
            "nonce",
            "blockHash",
            "blockNumber",
            "blockTimestamp",
            "transactionIndex",
            "from",
            "to",
            "value",
            "gas",
            "gasPrice",
            "maxFeePerGas",
            "maxPriorityFeePerGas",
            "input",
            "type",
            "chainId",
            "accessList",
            "maxFeePerBlobGas",
            "blobVersionedHashes",
            "v",
            "r",
            "s",
            "yParity");

    private RawJson() {}

    static void assertBlock(JsonNode raw, Block block) {
        assertOnlyKnownFields(raw, BLOCK_FIELDS, "block");
        assertEquals(num(raw, "number"), block.number());
        assertEquals(optHash(raw, "hash"), block.hash().map(h -> h.hex()));
        assertEquals(hex(raw, "parentHash"), block.parentHash().hex());
        assertEquals(optText(raw, "nonce"), block.nonce());
        assertEquals(hex(raw, "sha3Uncles"), block.sha3Uncles().hex());
        assertEquals(optText(raw, "logsBloom"), block.logsBloom());
        assertEquals(hex(raw, "transactionsRoot"), block.transactionsRoot().hex());
        assertEquals(hex(raw, "stateRoot"), block.stateRoot().hex());
        assertEquals(hex(raw, "receiptsRoot"), block.receiptsRoot().hex());
        assertEquals(optHash(raw, "miner"), block.miner().map(a -> a.hex()));
        assertEquals(optBig(raw, "difficulty").orElse(BigInteger.ZERO), block.difficulty());
        assertEquals(optBig(raw, "totalDifficulty"), block.totalDifficulty());
        assertEquals(hex(raw, "extraData"), block.extraData());
        assertEquals(optLong(raw, "size"), block.size());
        assertEquals(num(raw, "gasLimit"), block.gasLimit());
        assertEquals(num(raw, "gasUsed"), block.gasUsed());
        assertEquals(num(raw, "timestamp"), block.timestamp());
        assertEquals(optHash(raw, "mixHash"), block.mixHash().map(h -> h.hex()));
        assertEquals(optBig(raw, "baseFeePerGas"), block.baseFeePerGas());
        assertEquals(optHash(raw, "withdrawalsRoot"), block.withdrawalsRoot().map(h -> h.hex()));
        assertEquals(optLong(raw, "blobGasUsed"), block.blobGasUsed());
        assertEquals(optLong(raw, "excessBlobGas"), block.excessBlobGas());
        assertEquals(
                optHash(raw, "parentBeaconBlockRoot"),
                block.parentBeaconBlockRoot().map(h -> h.hex()));
        assertEquals(optHash(raw, "requestsHash"), block.requestsHash().map(h -> h.hex()));
        assertEquals(
                hexList(raw.path("uncles")),
                block.uncles().stream().map(h -> h.hex()).toList());
        JsonNode txs = raw.path("transactions");
        assertEquals(txs.size(), block.transactionHashes().size());
        for (int i = 0; i < txs.size(); i++) {
            JsonNode tx = txs.get(i);
            if (tx.isTextual()) {
                assertEquals(
                        tx.asText().toLowerCase(Locale.ROOT),
                        block.transactionHashes().get(i).hex());
            } else {
                assertTransaction(tx, block.transactions().get(i));
                assertEquals(
                        block.transactions().get(i).hash(),
                        block.transactionHashes().get(i));
            }
        }
        JsonNode withdrawals = raw.path("withdrawals");
        assertEquals(withdrawals.size(), block.withdrawals().size());
        for (int i = 0; i < withdrawals.size(); i++) {
            JsonNode w = withdrawals.get(i);
            Withdrawal decoded = block.withdrawals().get(i);
            assertEquals(num(w, "index"), decoded.index());
            assertEquals(num(w, "validatorIndex"), decoded.validatorIndex());
            assertEquals(hex(w, "address"), decoded.address().hex());
            assertEquals(big(w, "amount"), decoded.amountGwei());
        }
    }

    static void assertTransaction(JsonNode raw, Transaction tx) {
        assertOnlyKnownFields(raw, TX_FIELDS, "transaction " + raw.path("hash").asText());
        assertEquals(hex(raw, "hash"), tx.hash().hex());
        assertEquals(num(raw, "nonce"), tx.nonce());
        assertEquals(optHash(raw, "blockHash"), tx.blockHash().map(h -> h.hex()));
        assertEquals(optLong(raw, "blockNumber"), tx.blockNumber());
        assertEquals(optLong(raw, "blockTimestamp"), tx.blockTimestamp());
        assertEquals(optLong(raw, "transactionIndex"), tx.transactionIndex());
        assertEquals(hex(raw, "from"), tx.from().hex());
        assertEquals(optHash(raw, "to"), tx.to().map(a -> a.hex()));
        assertEquals(big(raw, "value"), tx.value());
        assertEquals(num(raw, "gas"), tx.gas());
        assertEquals(optBig(raw, "gasPrice"), tx.gasPrice());
        assertEquals(optBig(raw, "maxFeePerGas"), tx.maxFeePerGas());
        assertEquals(optBig(raw, "maxPriorityFeePerGas"), tx.maxPriorityFeePerGas());
        assertEquals(hex(raw, "input"), tx.input());
        assertEquals(optLong(raw, "type").orElse(0), tx.type());
        assertEquals(optLong(raw, "chainId"), tx.chainId());
        assertEquals(optBig(raw, "maxFeePerBlobGas"), tx.maxFeePerBlobGas());
        assertEquals(
                hexList(raw.path("blobVersionedHashes")),
                tx.blobVersionedHashes().stream().map(h -> h.hex()).toList());
        assertEquals(big(raw, "v"), tx.v());
        assertEquals(big(raw, "r"), tx.r());
        assertEquals(big(raw, "s"), tx.s());
        OptionalLong parity = optLong(raw, "yParity");
        assertEquals(parity.isPresent() ? OptionalInt.of((int) parity.getAsLong()) : OptionalInt.empty(), tx.yParity());
        JsonNode accessList = raw.path("accessList");
        assertEquals(accessList.size(), tx.accessList().size());
        for (int i = 0; i < accessList.size(); i++) {
            assertEquals(
                    hex(accessList.get(i), "address"),
                    tx.accessList().get(i).address().hex());
            assertEquals(
                    hexList(accessList.get(i).path("storageKeys")),
                    tx.accessList().get(i).storageKeys().stream()
                            .map(h -> h.hex())
                            .toList());
        }
    }

    static void assertLog(JsonNode raw, Log log) {
        assertEquals(hex(raw, "address"), log.address().hex());
        assertEquals(
                hexList(raw.path("topics")),
                log.topics().stream().map(h -> h.hex()).toList());
        assertEquals(hex(raw, "data"), log.data());
        assertEquals(optLong(raw, "blockNumber"), log.blockNumber());
        assertEquals(optHash(raw, "blockHash"), log.blockHash().map(h -> h.hex()));
        assertEquals(optLong(raw, "blockTimestamp"), log.blockTimestamp());
        assertEquals(optHash(raw, "transactionHash"), log.transactionHash().map(h -> h.hex()));
        assertEquals(optLong(raw, "transactionIndex"), log.transactionIndex());
        assertEquals(optLong(raw, "logIndex"), log.logIndex());
        assertEquals(raw.path("removed").asBoolean(false), log.removed());
    }

    static void assertReceipt(JsonNode raw, TransactionReceipt receipt) {
        assertEquals(hex(raw, "transactionHash"), receipt.transactionHash().hex());
        assertEquals(num(raw, "transactionIndex"), receipt.transactionIndex());
        assertEquals(hex(raw, "blockHash"), receipt.blockHash().hex());
        assertEquals(num(raw, "blockNumber"), receipt.blockNumber());
        assertEquals(hex(raw, "from"), receipt.from().hex());
        assertEquals(optHash(raw, "to"), receipt.to().map(a -> a.hex()));
        assertEquals(num(raw, "cumulativeGasUsed"), receipt.cumulativeGasUsed());
        assertEquals(num(raw, "gasUsed"), receipt.gasUsed());
        assertEquals(big(raw, "effectiveGasPrice"), receipt.effectiveGasPrice());
        assertEquals(optHash(raw, "contractAddress"), receipt.contractAddress().map(a -> a.hex()));
        assertEquals(hex(raw, "logsBloom"), receipt.logsBloom());
        assertEquals(optLong(raw, "type").orElse(0), receipt.type());
        assertEquals(optLong(raw, "status"), receipt.status());
        JsonNode logs = raw.path("logs");
        assertEquals(logs.size(), receipt.logs().size());
        for (int i = 0; i < logs.size(); i++) {
            assertLog(logs.get(i), receipt.logs().get(i));
        }
    }

    private static void assertOnlyKnownFields(JsonNode raw, Set<String> known, String what) {
        List<String> unknown = new ArrayList<>();
        raw.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name) && !TOLERATED.contains(name)) {
                unknown.add(name);
            }
        });
        assertTrue(unknown.isEmpty(), what + " has fields the record does not model: " + unknown);
    }

    static String hex(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertTrue(value != null && value.isTextual(), field + " must be a string in " + node);
        return value.asText().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> optText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull()
                ? Optional.empty()
                : Optional.of(value.asText().toLowerCase(Locale.ROOT));
    }

    private static Optional<String> optHash(JsonNode node, String field) {
        return optText(node, field);
    }

    static BigInteger big(JsonNode node, String field) {
        return new BigInteger(hex(node, field).substring(2), 16);
    }

    static long num(JsonNode node, String field) {
        return big(node, field).longValueExact();
    }

    private static Optional<BigInteger> optBig(JsonNode node, String field) {
        return optText(node, field).map(s -> new BigInteger(s.substring(2), 16));
    }

    private static OptionalLong optLong(JsonNode node, String field) {
        Optional<BigInteger> v = optBig(node, field);
        return v.isPresent() ? OptionalLong.of(v.get().longValueExact()) : OptionalLong.empty();
    }

    private static List<String> hexList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
        return out;
    }
}
