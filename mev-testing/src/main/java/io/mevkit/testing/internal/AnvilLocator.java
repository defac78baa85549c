package io.mevkit.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the anvil binary shipped in the npm package {@code @foundry-rs/anvil-<platform>} under the repository's
 * {@code node_modules}: the platform binary itself, never the {@code .bin} wrapper (which orphans the node on kill).
 */
public final class AnvilLocator {
    private AnvilLocator() {}

    public static Path binary() {
        String explicit = System.getenv("MEVKIT_ANVIL");
        if (explicit != null && !explicit.isBlank()) {
            return requireExecutable(Path.of(explicit));
        }
        List<Path> searched = new ArrayList<>();
        for (Path root : candidateRoots()) {
            Path scope = root.resolve("node_modules").resolve("@foundry-rs");
            searched.add(scope);
            if (!Files.isDirectory(scope)) {
                continue;
            }
            Path exact = scope.resolve("anvil-" + platform()).resolve("bin").resolve("anvil");
            if (Files.isExecutable(exact)) {
                return exact;
            }
            try (Stream<Path> dirs = Files.list(scope)) {
                List<Path> found = dirs.filter(d -> d.getFileName().toString().startsWith("anvil-"))
                        .map(d -> d.resolve("bin").resolve("anvil"))
                        .filter(Files::isExecutable)
                        .toList();
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("anvil binary not found; run `npm ci` at the repository root "
                + "(the Maven build does it). Searched: " + searched);
    }

    private static List<Path> candidateRoots() {
        List<Path> roots = new ArrayList<>();
        String root = System.getProperty("mevkit.root");
        if (root != null && !root.isBlank()) {
            roots.add(Path.of(root));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            roots.add(p);
        }
        return roots;
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String archName = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return osName + "-" + archName;
    }

    private static Path requireExecutable(Path path) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("MEVKIT_ANVIL is not an executable file: " + path);
        }
        return path;
    }
}
