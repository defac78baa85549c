package io.mevkit.core.sandwich;

/**
 * The outcome of sizing a sandwich: a {@link SandwichPlan} to send, or a typed {@link NoSandwich} reason not to. Both
 * are immutable values.
 */
public sealed interface SandwichDecision permits SandwichPlan, NoSandwich {}
