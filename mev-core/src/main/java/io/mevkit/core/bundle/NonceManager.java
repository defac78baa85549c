package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the nonces of one account: tracked locally so that several transactions can be signed before any is
 * mined, and re-read from the node ({@code eth_getTransactionCount(account, "pending")}) on first use, after a
 * "nonce too low/high" answer (a transaction sent out of band, or one dropped) and after a send whose fate is
 * unknown. Thread-safe: reservations are serialised on this instance.
 */
public final class NonceManager {
    private static final Logger LOG = LoggerFactory.getLogger(NonceManager.class);

    private final RpcClient rpc;
    private final Address account;
    private long next;
    private boolean known;
    private long resyncs;

    private NonceManager(RpcClient rpc, Address account) {
        this.rpc = rpc;
        this.account = account;
    }

    /** A manager for {@code account}'s nonces, read through {@code rpc} when needed (not at construction). */
    public static NonceManager create(RpcClient rpc, Address account) {
        return new NonceManager(Objects.requireNonNull(rpc, "rpc"), Objects.requireNonNull(account, "account"));
    }

    /** The account whose nonces this manager hands out. */
    public Address account() {
        return account;
    }

    /** Reserves the next nonce (reading it from the node first if it is not known) and returns it. */
    public synchronized long reserve() {
        if (!known) {
            resync();
        }
        return next++;
    }

    /** The nonce {@link #reserve()} would return next, if known locally. */
    public synchronized OptionalLong peek() {
        return known ? OptionalLong.of(next) : OptionalLong.empty();
    }

    /** Re-reads the account's pending transaction count from the node and continues from it; returns it. */
    public synchronized long resync() {
        long fromNode = rpc.getTransactionCount(account, BlockTag.PENDING);
        if (known && fromNode != next) {
            LOG.debug("nonce of {} resynced from {} to {}", account, next, fromNode);
        }
        next = fromNode;
        known = true;
        resyncs++;
        return fromNode;
    }

    /** Forgets the local nonce; the next {@link #reserve()} reads it from the node. */
    public synchronized void invalidate() {
        known = false;
    }

    /** How many times the nonce was read from the node. */
    public synchronized long resyncCount() {
        return resyncs;
    }

    /**
     * Builds a transaction for the next nonce, signs it and sends it. On "nonce too low" or "nonce too high" the
     * nonce is resynced from the node and the transaction built, signed and sent once more with the fresh nonce;
     * after any other failure the local nonce is forgotten (the node may or may not have taken the transaction).
     *
     * @param signer signs for this manager's account, on the chain {@code rpc} is configured for
     * @param build the transaction for a given nonce
     * @return the transaction the node accepted
     * @throws RpcException when the node refuses it (after at most one resync)
     */
    public SignedTx sendNext(TxSigner signer, LongFunction<Eip1559Tx> build) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(build, "build");
        if (!signer.address().equals(account)) {
            throw new ValidationException("signer", signer.address(), "must sign for " + account);
        }
        if (signer.chainId() != rpc.configuredChainId()) {
            throw new ValidationException(
                    "signer.chainId", signer.chainId(), "must be the node's chain " + rpc.configuredChainId());
        }
        for (int attempt = 0; ; attempt++) {
            long nonce = reserve();
            SignedTx tx = signer.sign(build.apply(nonce));
            if (tx.nonce() != nonce) {
                throw new ValidationException("build", tx.nonce(), "must use the reserved nonce " + nonce);
            }
            try {
                rpc.sendRawTransaction(tx.raw());
                return tx;
            } catch (RpcException e) {
                if (isNonceError(e) && attempt == 0) {
                    resync();
                    continue;
                }
                invalidate();
                throw e;
            }
        }
    }

    /** Whether {@code e} is a node's "nonce too low" or "nonce too high" answer (geth, reth, Nethermind, anvil). */
    public static boolean isNonceError(RpcException e) {
        if (e.kind() != RpcException.Kind.RPC_ERROR) {
            return false;
        }
        String m = e.rpcMessage().orElse("").toLowerCase(Locale.ROOT);
        return m.contains("nonce too low")
                || m.contains("nonce too high")
                || m.contains("nonce is too low")
                || m.contains("nonce is too high")
                || m.contains("oldnonce")
                || m.contains("nonce gap");
    }

    @Override
    public synchronized String toString() {
        return "NonceManager[account=" + account + ", next=" + (known ? Long.toString(next) : "?") + "]";
    }
}
