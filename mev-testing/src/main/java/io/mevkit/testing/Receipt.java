package io.mevkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A mined transaction's receipt, as a test asserts on it. */
public record Receipt(
        String txHash,
        boolean success,
        long blockNumber,
        int transactionIndex,
        BigInteger gasUsed,
        BigInteger effectiveGasPrice,
        Optional<String> contractAddress,
        List<Log> logs) {

    /** One event log of a receipt. */
    public record Log(String address, List<String> topics, String data, int logIndex) {}

    static Receipt fromJson(JsonNode node) {
        List<Log> logs = new ArrayList<>();
        for (JsonNode log : node.path("logs")) {
            List<String> topics = new ArrayList<>();
            log.path("topics").forEach(t -> topics.add(t.asText()));
            logs.add(new Log(
                    log.path("address").asText(),
                    List.copyOf(topics),
                    log.path("data").asText(),
                    (int) Hex.toLong(log.path("logIndex").asText())));
        }
        JsonNode contract = node.get("contractAddress");
        return new Receipt(
                node.path("transactionHash").asText(),
                Hex.toLong(node.path("status").asText()) == 1,
                Hex.toLong(node.path("blockNumber").asText()),
                (int) Hex.toLong(node.path("transactionIndex").asText()),
                Hex.toBigInteger(node.path("gasUsed").asText()),
                Hex.toBigInteger(node.path("effectiveGasPrice").asText()),
                contract == null || contract.isNull() ? Optional.empty() : Optional.of(contract.asText()),
                List.copyOf(logs));
    }
}
