package io.mevkit.testing;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives a test a real {@link Anvil} node.
 *
 * <p>Registered on a static field ({@code @RegisterExtension static final AnvilExtension ANVIL =
 * AnvilExtension.create();}) one node serves the whole class; on an instance field each test gets a fresh node.
 * {@code @ExtendWith(AnvilExtension.class)} with an {@code Anvil} parameter gives one node per class with the
 * defaults. If anvil cannot start, the test fails: nothing is skipped.
 */
public final class AnvilExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final Consumer<Anvil.Builder> configurer;
    private Anvil anvil;
    private boolean perClass;

    /** One node with the defaults (chain 31337, automining, FIFO ordering). */
    public AnvilExtension() {
        this(builder -> {});
    }

    private AnvilExtension(Consumer<Anvil.Builder> configurer) {
        this.configurer = Objects.requireNonNull(configurer, "configurer");
    }

    public static AnvilExtension create() {
        return new AnvilExtension();
    }

    /** A node configured by {@code configurer}, e.g. {@code b -> b.noMining()}. */
    public static AnvilExtension configured(Consumer<Anvil.Builder> configurer) {
        return new AnvilExtension(configurer);
    }

    /** The running node. */
    public Anvil anvil() {
        if (anvil == null) {
            throw new IllegalStateException("anvil is started before each test (or class), not yet now");
        }
        return anvil;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Anvil.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return anvil();
    }

    private void start() {
        if (anvil == null) {
            Anvil.Builder builder = Anvil.builder();
            configurer.accept(builder);
            anvil = builder.start();
        }
    }

    private void stop() {
        if (anvil != null) {
            anvil.close();
            anvil = null;
        }
    }
}
