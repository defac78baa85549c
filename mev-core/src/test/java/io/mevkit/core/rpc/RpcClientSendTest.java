package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.rpc.RpcListener.SendOutcome;
import io.mevkit.core.testing.FakeNode;
import io.mevkit.core.testing.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** eth_sendRawTransaction: identical bytes only, and "already known"-like answers for our own hash are one send. */
class RpcClientSendTest {
    private static final long CHAIN = 31337;
    /** Stand-in signed bytes; the client only hashes and forwards them. */
    private static final byte[] RAW =
            Hex.decode("0x02f86c827a6980843b9aca00850c92a69c0082520894000000000000000000000000000000000000dead"
                    + "8080c001a0aaaa000000000000000000000000000000000000000000000000000000000001a0bbbb00000000000000000000000000"
                    + "0000000000000000000000000000000002");

    private static final Hash OURS = Hash.keccak256(RAW);

    private final RecordingListener events = new RecordingListener();
    private final FakeNode node = new FakeNode(CHAIN);
    /** The transactions the fake node "has", by hash. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        node.close();
    }

    private FakeNode answering(FakeNode target, String sendError) {
        target.on("eth_sendRawTransaction", req -> {
            String raw = req.path("params").get(0).asText();
            String hash = Hash.keccak256(Hex.decode(raw)).hex();
            if (sendError != null) {
                return FakeNode.errorResponse(req, -32000, sendError, null);
            }
            known.add(hash);
            return FakeNode.response(req, hash);
        });
        target.on("eth_getTransactionByHash", req -> {
            String hash = req.path("params").get(0).asText();
            return FakeNode.response(req, known.contains(hash) ? Map.of("hash", hash) : null);
        });
        return target;
    }

    private RpcClient.Builder client() {
        return RpcClient.builder()
                .chainId(CHAIN)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .addListener(events);
    }

    @Test
    void anAcceptedSendReturnsTheHashOfTheBytes() {
        answering(node, null);
        try (RpcClient client = client().endpoint(node.url()).build()) {
            assertEquals(OURS, client.sendRawTransaction(RAW));
        }
        assertEquals(List.of(new RpcListener.Send(OURS, 1, SendOutcome.ACCEPTED, false)), events.sends);
        assertEquals(Hex.encode(RAW), sentRaw(node).get(0));
    }

    @Test
    void alreadyKnownForOurHashIsOneLogicalSend() {
        known.add(OURS.hex());
        answering(node, "already known");
        try (RpcClient client = client().endpoint(node.url()).build()) {
            assertEquals(OURS, client.sendRawTransaction(RAW));
        }
        assertEquals(List.of(new RpcListener.Send(OURS, 1, SendOutcome.ALREADY_KNOWN, false)), events.sends);
        assertEquals(List.of("eth_chainId", "eth_sendRawTransaction", "eth_getTransactionByHash"), node.methods());
        assertEquals(OURS.hex(), node.calls().get(2).path("params").get(0).asText());
    }

    @Test
    void nonceTooLowForOurMinedTransactionIsOneLogicalSend() {
        known.add(OURS.hex());
        answering(node, "nonce too low: next nonce 5, tx nonce 4");
        try (RpcClient client = client().endpoint(node.url()).build()) {
            assertEquals(OURS, client.sendRawTransaction(RAW));
        }
        assertEquals(SendOutcome.ALREADY_KNOWN, events.sends.get(0).outcome());
    }

    @Test
    void replacementUnderpricedForOurHashIsOneLogicalSend() {
        known.add(OURS.hex());
        answering(node, "replacement transaction underpriced");
        try (RpcClient client = client().endpoint(node.url()).build()) {
            assertEquals(OURS, client.sendRawTransaction(RAW));
        }
        assertEquals(SendOutcome.ALREADY_KNOWN, events.sends.get(0).outcome());
    }

    @Test
    void nonceTooLowForAnotherTransactionIsATypedError() {
        known.add("0x" + "77".repeat(32)); // the node has another transaction with that nonce, not ours
        answering(node, "nonce too low: next nonce 5, tx nonce 4");
        try (RpcClient client = client().endpoint(node.url()).build()) {
            RpcException e = assertThrows(RpcException.class, () -> client.sendRawTransaction(RAW));
            assertEquals(Kind.RPC_ERROR, e.kind());
            assertEquals("eth_sendRawTransaction", e.method());
            assertEquals(-32000, e.code().orElseThrow());
            assertTrue(e.rpcMessage().orElseThrow().startsWith("nonce too low"));
        }
        assertEquals(List.of(), events.sends);
    }

    @Test
    void otherRejectionsAreFinalAndNotSentElsewhere() {
        answering(node, "insufficient funds for gas * price + value");
        try (FakeNode second = answering(new FakeNode(CHAIN), null);
                RpcClient client = client().endpoint("a", node.url())
                        .endpoint("b", second.url())
                        .build()) {
            RpcException e = assertThrows(RpcException.class, () -> client.sendRawTransaction(RAW));
            assertEquals(Kind.RPC_ERROR, e.kind());
            assertEquals(List.of(), second.methods());
        }
        assertEquals(List.of("eth_chainId", "eth_sendRawTransaction"), node.methods());
    }

    @Test
    void anAmbiguousFailureResendsTheIdenticalBytesElsewhereAndCountsOneSend() {
        // the first endpoint takes the transaction but never answers; the second already has it from the network
        known.add(OURS.hex());
        node.override(m -> m.equals("eth_sendRawTransaction")
                ? new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE)
                : null);
        try (FakeNode second = answering(new FakeNode(CHAIN), "already known");
                RpcClient client = client().endpoint("a", node.url())
                        .endpoint("b", second.url())
                        .timeout(Duration.ofMillis(1500))
                        .build()) {
            assertEquals(OURS, client.sendRawTransaction(RAW));
            assertEquals(sentRaw(node), sentRaw(second));
            assertEquals(List.of(Hex.encode(RAW)), sentRaw(second));
        }
        assertEquals(List.of(new RpcListener.Send(OURS, 2, SendOutcome.ALREADY_KNOWN, false)), events.sends);
    }

    @Test
    void resendingTheSameBytesIsMarkedAsAResendOfTheSameTransaction() {
        answering(node, null);
        try (RpcClient client = client().endpoint(node.url()).build()) {
            assertEquals(OURS, client.sendRawTransaction(RAW));
            answering(node, "already known");
            assertEquals(OURS, client.sendRawTransaction(RAW.clone()));
        }
        assertEquals(
                List.of(
                        new RpcListener.Send(OURS, 1, SendOutcome.ACCEPTED, false),
                        new RpcListener.Send(OURS, 1, SendOutcome.ALREADY_KNOWN, true)),
                events.sends);
        assertEquals(
                1, events.sends.stream().map(RpcListener.Send::hash).distinct().count());
    }

    @Test
    void aNodeReturningAnotherHashIsMalformed() {
        node.result("eth_sendRawTransaction", "0x" + "12".repeat(32));
        try (RpcClient client = client().endpoint(node.url()).build()) {
            RpcException e = assertThrows(RpcException.class, () -> client.sendRawTransaction(RAW));
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertEquals("eth_sendRawTransaction", e.method());
        }
    }

    @Test
    void emptyBytesAreRejected() {
        try (RpcClient client = client().endpoint(node.url()).build()) {
            assertThrows(IllegalArgumentException.class, () -> client.sendRawTransaction(new byte[0]));
        }
        assertFalse(node.methods().contains("eth_sendRawTransaction"));
    }

    private static List<String> sentRaw(FakeNode target) {
        return target.calls().stream()
                .filter(c -> c.path("method").asText().equals("eth_sendRawTransaction"))
                .map(c -> c.path("params").get(0))
                .map(JsonNode::asText)
                .toList();
    }
}
