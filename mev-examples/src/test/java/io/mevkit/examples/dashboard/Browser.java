package io.mevkit.examples.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Headless Chromium driven by playwright-core in a node process ({@code src/test/js/dashboard-browser.mjs}): one JSON
 * command per line on its stdin, one JSON answer per line on its stdout; its stderr goes to a log file.
 */
final class Browser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(60);

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Path log;

    private Browser(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            answers.add(line);
                        }
                    } catch (IOException e) {
                        answers.add("{\"ok\":false,\"error\":\"stdout closed\"}");
                    }
                },
                "browser-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static Browser start(Path script, Path chromium, Path profile, Path log) throws IOException {
        Files.createDirectories(profile);
        Process p = new ProcessBuilder("node", script.toString(), chromium.toString(), profile.toString())
                .redirectError(log.toFile())
                .start();
        return new Browser(p, log);
    }

    void open(URI page) {
        ObjectNode c = JSON.createObjectNode().put("cmd", "open").put("url", page.toString());
        call(c);
    }

    JsonNode state() {
        return call(JSON.createObjectNode().put("cmd", "state")).get("state");
    }

    /** Closes the page's socket as a network failure would (the page reconnects by itself). */
    void dropConnection() {
        call(JSON.createObjectNode().put("cmd", "drop"));
    }

    void screenshot(Path file) {
        call(JSON.createObjectNode().put("cmd", "screenshot").put("path", file.toString()));
    }

    /**
     * Polls the page's state until {@code condition} holds: at most 300 polls, 200 ms apart (a bound, not a timing
     * assertion). Fails with the last state seen.
     */
    JsonNode await(String what, Predicate<JsonNode> condition) {
        JsonNode last = null;
        for (int i = 0; i < 300; i++) {
            last = state();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        fail("the page never showed " + what + "; last state: " + last);
        return last;
    }

    private JsonNode call(ObjectNode command) {
        try {
            in.write(command.toString());
            in.write('\n');
            in.flush();
            String line = answers.poll(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                fail("the browser did not answer " + command + " within " + ANSWER_BOUND + "; " + logTail());
            }
            JsonNode answer = JSON.readTree(line);
            if (!answer.path("ok").asBoolean()) {
                fail("the browser failed " + command + ": "
                        + answer.path("error").asText() + "; " + logTail());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("the browser process is gone; " + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            String s = Files.readString(log);
            return "browser log: " + (s.length() > 4000 ? s.substring(s.length() - 4000) : s);
        } catch (IOException e) {
            return "no browser log";
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void stop() throws InterruptedException {
        if (process.isAlive()) {
            try {
                in.write("{\"cmd\":\"close\"}\n");
                in.flush();
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // chromium
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
