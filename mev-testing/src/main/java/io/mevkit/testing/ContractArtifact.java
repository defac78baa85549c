package io.mevkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.testing.internal.JsonRpc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled contract on the test classpath: the real Uniswap artifacts from npm and the project's own test
 * contracts, compiled from Solidity by solc-js at build time (none of it pasted).
 */
public record ContractArtifact(String name, String origin, JsonNode abi, String bytecode, String deployedBytecode) {
    private static final ConcurrentHashMap<String, ContractArtifact> CACHE = new ConcurrentHashMap<>();

    public ContractArtifact {
        Objects.requireNonNull(name, "name");
        if (bytecode == null || !bytecode.startsWith("0x") || bytecode.length() < 4) {
            throw new IllegalArgumentException("artifact " + name + " has no bytecode");
        }
    }

    /** Loads {@code io/mevkit/testing/contracts/<name>.json} from the classpath. */
    public static ContractArtifact load(String name) {
        return CACHE.computeIfAbsent(name, ContractArtifact::read);
    }

    private static ContractArtifact read(String name) {
        String resource = "contracts/" + name + ".json";
        try (InputStream in = ContractArtifact.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no compiled contract " + name + " on the classpath (" + resource
                        + "); the mev-testing build compiles and copies them");
            }
            JsonNode json = JsonRpc.mapper().readTree(in);
            return new ContractArtifact(
                    name,
                    json.path("origin").asText(),
                    json.path("abi"),
                    json.path("bytecode").asText(),
                    json.path("deployedBytecode").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
