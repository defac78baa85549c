package io.mevkit.core.sandwich;

/**
 * The outcome of sizing a sandwich: a {@link SandwichPlan} (V2) or {@link V3SandwichPlan} (V3) to send, or a typed
 * {@link NoSandwich} reason not to. All are immutable values.
 */
public sealed interface SandwichDecision permits SandwichPlan, V3SandwichPlan, NoSandwich {}
