package io.mevkit.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RiskStateStore} in one small JSON file: written to a temporary file beside it, forced to disk, then moved
 * over it atomically, so a crash leaves the old or the new state. A file that cannot be read is an error, never an
 * empty state: a kill switch must not re-arm itself because its file was damaged. Version 2 adds the recent spends
 * (amounts as decimal text, times as ISO-8601 instants to the nanosecond); a version-1 file, written before spends were
 * kept, loads with none. Thread-safe.
 */
public final class FileRiskStateStore implements RiskStateStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 2;

    private final Path file;

    private FileRiskStateStore(Path file) {
        this.file = file;
    }

    /** A store at {@code file} (its directory must exist). */
    public static FileRiskStateStore at(Path file) {
        return new FileRiskStateStore(Objects.requireNonNull(file, "file").toAbsolutePath());
    }

    /** The file the state is kept in. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<RiskState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            int version =
                    root == null || !root.isObject() ? 0 : root.path("version").asInt();
            if (version != 1 && version != VERSION) {
                throw new MevException("risk state file " + file + " is not a version-1 or version-2 risk state");
            }
            JsonNode tripped = root.get("trippedAt");
            return Optional.of(new RiskState(
                    LocalDate.parse(root.path("day").asText()),
                    new BigInteger(root.path("realizedLoss").asText()),
                    tripped == null || tripped.isNull()
                            ? Optional.empty()
                            : Optional.of(Instant.parse(tripped.asText())),
                    version == 1 ? List.of() : spends(root.get("recentSpends"))));
        } catch (IOException | RuntimeException e) {
            // a value the state refuses (ValidationException) is a damaged file too, named as such
            if (e instanceof MevException m && !(e instanceof ValidationException)) {
                throw m;
            }
            throw new MevException("risk state file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<RiskState.Spend> spends(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("recentSpends is not an array");
        }
        List<RiskState.Spend> spends = new ArrayList<>();
        for (JsonNode s : array) {
            JsonNode at = s.get("at");
            JsonNode wei = s.get("wei");
            if (at == null || !at.isTextual() || wei == null || !wei.isTextual()) {
                throw new IllegalArgumentException("a recent spend lacks at or wei: " + s);
            }
            spends.add(new RiskState.Spend(Instant.parse(at.asText()), new BigInteger(wei.asText())));
        }
        return spends;
    }

    @Override
    public synchronized void save(RiskState state) {
        Objects.requireNonNull(state, "state");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("day", state.day().toString());
        root.put("realizedLoss", state.realizedLoss().toString());
        if (state.trippedAt().isPresent()) {
            root.put("trippedAt", state.trippedAt().get().toString());
        } else {
            root.putNull("trippedAt");
        }
        ArrayNode spends = root.putArray("recentSpends");
        for (RiskState.Spend s : state.recentSpends()) {
            spends.addObject().put("at", s.at().toString()).put("wei", s.wei().toString());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new MevException("risk state directory of " + file + " does not support atomic moves", e);
            }
        } catch (IOException e) {
            throw new MevException("risk state file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "FileRiskStateStore[" + file + "]";
    }
}
