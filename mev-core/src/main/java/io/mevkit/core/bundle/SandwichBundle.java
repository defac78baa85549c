package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A sandwich ready to submit: front-run, the victim's original raw transaction and back-run, signed with consecutive
 * nonces and gas limits from simulating the whole ordered bundle, and what that simulation predicts. Immutable.
 *
 * @param frontRun the signed front-run
 * @param victimRaw the victim's raw transaction as seen in the mempool
 * @param backRun the signed back-run
 * @param bundle the three in order, for {@code targetBlock}
 * @param simulation the simulation of exactly these bytes
 * @param searcher the account that signed the legs
 * @param capitalToken the token the sandwich starts and ends in
 * @param capitalDelta the searcher's predicted change in {@code capitalToken} (the gross profit)
 * @param ethDelta the searcher's predicted ETH change (gas and priority fees, negative)
 * @param coinbasePayment what the block's fee recipient receives from the whole bundle
 */
public record SandwichBundle(
        SignedTx frontRun,
        String victimRaw,
        SignedTx backRun,
        Bundle bundle,
        BundleSimulation simulation,
        Address searcher,
        Address capitalToken,
        BigInteger capitalDelta,
        BigInteger ethDelta,
        BigInteger coinbasePayment) {

    public SandwichBundle {
        Objects.requireNonNull(frontRun, "frontRun");
        Objects.requireNonNull(victimRaw, "victimRaw");
        Objects.requireNonNull(backRun, "backRun");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(simulation, "simulation");
        Objects.requireNonNull(searcher, "searcher");
        Objects.requireNonNull(capitalToken, "capitalToken");
        Objects.requireNonNull(capitalDelta, "capitalDelta");
        Objects.requireNonNull(ethDelta, "ethDelta");
        Objects.requireNonNull(coinbasePayment, "coinbasePayment");
        if (backRun.nonce() != frontRun.nonce() + 1) {
            throw new ValidationException("backRun.nonce", backRun.nonce(), "must follow the front-run's nonce");
        }
    }

    /** The target block. */
    public long targetBlock() {
        return bundle.blockNumber().orElseThrow();
    }

    /** Gas used by front- and back-run together in simulation. */
    public long legsGasUsed() {
        return simulation.txs().get(0).gasUsed() + simulation.txs().get(2).gasUsed();
    }
}
