package io.mevkit.core.bundle.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.BuilderDialect;
import io.mevkit.core.bundle.Bundle;
import io.mevkit.core.bundle.BundleStats;
import io.mevkit.core.bundle.CallBundleResult;
import io.mevkit.core.bundle.MevShareBundle;
import io.mevkit.core.rpc.BlockTag;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON of builder requests (field order as the public docs write it) and the decoding of their answers. Decoders
 * throw {@link ValidationException} naming the field on anything off-spec.
 */
public final class BundleJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private BundleJson() {}

    /** The {@code eth_sendBundle} parameter object in {@code dialect}, after checking the bundle fits the dialect. */
    public static ObjectNode sendBundleParams(Bundle bundle, BuilderDialect dialect) {
        if (dialect.blockNumberRequired() && bundle.blockNumber().isEmpty()) {
            throw new ValidationException("blockNumber", "(unset)", "is required by this builder");
        }
        if (bundle.refundPercent().isPresent()) {
            int percent = bundle.refundPercent().getAsInt();
            if (!dialect.supportsRefunds()) {
                throw new ValidationException("refundPercent", percent, "is not supported by this builder");
            }
            if (percent > dialect.maxRefundPercent()) {
                throw new ValidationException(
                        "refundPercent", percent, "must be at most " + dialect.maxRefundPercent());
            }
            if (dialect.refundRecipientRequired() && bundle.refundRecipient().isEmpty()) {
                throw new ValidationException("refundRecipient", "(unset)", "is required with refundPercent here");
            }
        }
        if (!bundle.droppingTxHashes().isEmpty() && !dialect.droppingTxHashes()) {
            throw new ValidationException(
                    "droppingTxHashes", bundle.droppingTxHashes().size(), "is not supported by this builder");
        }
        ObjectNode p = MAPPER.createObjectNode();
        ArrayNode txs = p.putArray("txs");
        bundle.txs().forEach(txs::add);
        bundle.blockNumber().ifPresent(b -> p.put("blockNumber", Hex.quantity(b)));
        bundle.minTimestamp().ifPresent(t -> p.put("minTimestamp", t));
        bundle.maxTimestamp().ifPresent(t -> p.put("maxTimestamp", t));
        if (!bundle.revertingTxHashes().isEmpty()) {
            ArrayNode a = p.putArray("revertingTxHashes");
            bundle.revertingTxHashes().forEach(h -> a.add(h.hex()));
        }
        if (!bundle.droppingTxHashes().isEmpty()) {
            ArrayNode a = p.putArray("droppingTxHashes");
            bundle.droppingTxHashes().forEach(h -> a.add(h.hex()));
        }
        bundle.replacementUuid().ifPresent(id -> p.put(dialect.replacementIdField(), id));
        bundle.refundPercent().ifPresent(r -> p.put("refundPercent", r));
        bundle.refundRecipient().ifPresent(a -> p.put("refundRecipient", a.toString()));
        return p;
    }

    /** The cancellation by empty bundle: no transactions and the same replacement id. */
    public static ObjectNode emptyBundleParams(String replacementId, BuilderDialect dialect, OptionalLong blockNumber) {
        ObjectNode p = MAPPER.createObjectNode();
        p.putArray("txs");
        blockNumber.ifPresent(b -> p.put("blockNumber", Hex.quantity(b)));
        p.put(dialect.replacementIdField(), replacementId);
        return p;
    }

    /** {@code eth_callBundle}'s parameter object. */
    public static ObjectNode callBundleParams(Bundle bundle, BlockTag stateBlock, OptionalLong timestamp) {
        if (bundle.blockNumber().isEmpty()) {
            throw new ValidationException("blockNumber", "(unset)", "is required to simulate");
        }
        ObjectNode p = MAPPER.createObjectNode();
        ArrayNode txs = p.putArray("txs");
        bundle.txs().forEach(txs::add);
        p.put("blockNumber", Hex.quantity(bundle.blockNumber().getAsLong()));
        p.put("stateBlockNumber", stateBlock.value());
        timestamp.ifPresent(t -> p.put("timestamp", t));
        return p;
    }

    /** {@code mev_sendBundle}'s parameter object (MEV-Share v0.1). */
    public static ObjectNode mevShareParams(MevShareBundle bundle) {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("version", "v0.1");
        ObjectNode inclusion = p.putObject("inclusion");
        inclusion.put("block", Hex.quantity(bundle.block()));
        bundle.maxBlock().ifPresent(m -> inclusion.put("maxBlock", Hex.quantity(m)));
        ArrayNode body = p.putArray("body");
        for (MevShareBundle.Item item : bundle.body()) {
            ObjectNode o = body.addObject();
            if (item instanceof MevShareBundle.ByHash h) {
                o.put("hash", h.hash().hex());
            } else {
                MevShareBundle.SignedItem s = (MevShareBundle.SignedItem) item;
                o.put("tx", s.tx());
                o.put("canRevert", s.canRevert());
            }
        }
        ObjectNode validity = p.putObject("validity");
        ArrayNode refund = validity.putArray("refund");
        bundle.refunds()
                .forEach(r -> refund.addObject().put("bodyIdx", r.bodyIdx()).put("percent", r.percent()));
        ArrayNode config = validity.putArray("refundConfig");
        bundle.refundConfig().forEach(c -> config.addObject()
                .put("address", c.address().toString())
                .put("percent", c.percent()));
        return p;
    }

    /** A send's result: {@code {"bundleHash": …}} or a bare hash string. */
    public static Hash bundleHash(JsonNode result) {
        if (result.isTextual()) {
            return Hash.of("result", result.asText());
        }
        if (result.isObject() && result.path("bundleHash").isTextual()) {
            return Hash.of("result.bundleHash", result.get("bundleHash").asText());
        }
        throw new ValidationException("result", abbreviate(result), "must be a bundle hash or {bundleHash}");
    }

    /** An {@code eth_callBundle} result, invariants checked by {@link CallBundleResult}. */
    public static CallBundleResult callBundleResult(JsonNode r) {
        List<CallBundleResult.TxResult> results = new ArrayList<>();
        JsonNode list = r.path("results");
        if (!list.isArray()) {
            throw new ValidationException("results", abbreviate(r), "must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String at = "results[" + i + "].";
            results.add(new CallBundleResult.TxResult(
                    Hash.of(at + "txHash", text(t, at + "txHash")),
                    Address.of(at + "fromAddress", text(t, at + "fromAddress")),
                    t.path("toAddress").isTextual()
                                    && !t.get("toAddress").asText().isEmpty()
                            ? Optional.of(Address.of(
                                    at + "toAddress", t.get("toAddress").asText()))
                            : Optional.empty(),
                    number(t, at + "gasUsed"),
                    wei(t, at + "gasPrice"),
                    wei(t, at + "gasFees"),
                    wei(t, at + "coinbaseDiff"),
                    wei(t, at + "ethSentToCoinbase"),
                    t.path("value").isTextual() ? t.get("value").asText() : "0x",
                    optionalText(t, "error"),
                    optionalText(t, "revert")));
        }
        return new CallBundleResult(
                Hash.of("bundleHash", text(r, "bundleHash")),
                wei(r, "bundleGasPrice"),
                wei(r, "coinbaseDiff"),
                wei(r, "ethSentToCoinbase"),
                wei(r, "gasFees"),
                number(r, "stateBlockNumber"),
                number(r, "totalGasUsed"),
                results);
    }

    /** A {@code flashbots_getBundleStatsV2} result. */
    public static BundleStats bundleStats(JsonNode r) {
        if (!r.isObject() || !r.path("isSimulated").isBoolean()) {
            throw new ValidationException("result.isSimulated", abbreviate(r), "must be a boolean");
        }
        return new BundleStats(
                r.get("isSimulated").asBoolean(),
                r.path("isHighPriority").isBoolean()
                        ? Optional.of(r.get("isHighPriority").asBoolean())
                        : Optional.empty(),
                optionalText(r, "receivedAt").map(s -> instant("receivedAt", s)),
                optionalText(r, "simulatedAt").map(s -> instant("simulatedAt", s)),
                seen(r, "consideredByBuildersAt"),
                seen(r, "sealedByBuildersAt"));
    }

    private static List<BundleStats.BuilderSeen> seen(JsonNode r, String field) {
        List<BundleStats.BuilderSeen> out = new ArrayList<>();
        JsonNode list = r.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ValidationException(field, abbreviate(list), "must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "].";
            out.add(new BundleStats.BuilderSeen(
                    text(list.get(i), at + "pubkey"), instant(at + "timestamp", text(list.get(i), at + "timestamp"))));
        }
        return out;
    }

    private static Instant instant(String field, String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, s, "must be an ISO-8601 instant", e);
        }
    }

    private static String text(JsonNode node, String path) {
        JsonNode v = node.path(leaf(path));
        if (!v.isTextual()) {
            throw new ValidationException(path, abbreviate(v), "must be a string");
        }
        return v.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** Wei amounts are decimal strings in {@code eth_callBundle} answers. */
    private static BigInteger wei(JsonNode node, String path) {
        String s = text(node, path);
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ValidationException(path, s, "must be a non-negative decimal string");
        }
        return new BigInteger(s);
    }

    /** Gas and block numbers are JSON numbers there. */
    private static long number(JsonNode node, String path) {
        JsonNode v = node.path(leaf(path));
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new ValidationException(path, abbreviate(v), "must be a non-negative integer");
        }
        return v.asLong();
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    public static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
