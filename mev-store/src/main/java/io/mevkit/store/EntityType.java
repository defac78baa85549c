package io.mevkit.store;

/** The kind of record an audit event is about. */
public enum EntityType {
    OPPORTUNITY,
    BUNDLE,
    SUBMISSION,
    RISK
}
