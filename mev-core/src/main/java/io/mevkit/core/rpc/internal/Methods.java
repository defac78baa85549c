package io.mevkit.core.rpc.internal;

/** Classifies JSON-RPC method names. */
public final class Methods {
    public static final String SEND_RAW_TRANSACTION = "eth_sendRawTransaction";

    private Methods() {}

    /** Letters, digits and underscores, 1..128 characters. */
    public static boolean isValidName(String method) {
        if (method.isEmpty() || method.length() > 128) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads that may be repeated and sent to any endpoint of the chain: {@code eth_*}, {@code net_*} and
     * {@code web3_*}, except methods that send, sign or cancel, and filter and subscription methods (their ids live on one
     * node).
     */
    public static boolean isIdempotentRead(String method) {
        if (!(method.startsWith("eth_") || method.startsWith("net_") || method.startsWith("web3_"))) {
            return false;
        }
        return !(method.startsWith("eth_send")
                || method.startsWith("eth_sign")
                || method.startsWith("eth_submit")
                || method.startsWith("eth_new")
                || method.startsWith("eth_uninstall")
                || method.startsWith("eth_getFilter")
                || method.startsWith("eth_subscribe")
                || method.startsWith("eth_unsubscribe")
                || method.startsWith("eth_cancel"));
    }
}
