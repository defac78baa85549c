package io.mevkit.core.sandwich.internal;

import io.mevkit.core.Address;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.DecodeResult.NotUnderstood;
import io.mevkit.core.sandwich.DecodeResult.Reason;
import io.mevkit.core.sandwich.RouterDialect;
import io.mevkit.core.sandwich.SwapKind;
import io.mevkit.core.sandwich.VictimSwap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows what a multi-step router call (Universal Router commands, SwapRouter02 multicall) does with the router's own
 * balances, so that each V2 swap gets its exact input and its real slippage bound: a swap paid from the router's
 * balance takes what earlier steps put there (wrapped ETH, pulled tokens), and a swap whose output stays in the router
 * is bounded by the unwrap or sweep that pays it out, through any fee portions taken on the way. Whatever cannot be
 * followed exactly (another protocol's swap sharing a balance, an input paid by an earlier swap) makes the transaction
 * not understood, with the reason. One instance per transaction; not thread-safe.
 */
final class RouterLedger {
    /** An integer step a router applies to a balance before the final minimum is checked. */
    private interface Step {
        /** The balance after the step, or null if the step reverts on {@code balance}. */
        BigInteger apply(BigInteger balance);
    }

    private static final BigInteger BIPS = BigInteger.valueOf(10_000);
    private static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    /** A swap being decoded. */
    private static final class Pending {
        final String function;
        final SwapKind kind;
        final List<Address> path;
        final BigInteger amountIn;
        BigInteger amountOut;
        Address recipient;
        final boolean nativeIn;
        boolean nativeOut;
        final List<Step> steps = new ArrayList<>();

        Pending(
                String function,
                SwapKind kind,
                List<Address> path,
                BigInteger amountIn,
                BigInteger amountOut,
                Address recipient,
                boolean nativeIn) {
            this.function = function;
            this.kind = kind;
            this.path = path;
            this.amountIn = amountIn;
            this.amountOut = amountOut;
            this.recipient = recipient;
            this.nativeIn = nativeIn;
        }
    }

    /** What the router holds of one token: a known amount, a pending swap's output, or something unknown. */
    private record Holding(BigInteger known, Pending pending) {
        static final Holding UNKNOWN = new Holding(null, null);

        boolean isUnknown() {
            return known == null && pending == null;
        }
    }

    private final RouterDialect dialect;
    private final Address router;
    private final Address sender;
    private final Address wrappedNative;
    private final Optional<BigInteger> deadline;
    private BigInteger eth;
    private final Map<Address, Holding> held = new HashMap<>();
    private final List<Pending> swaps = new ArrayList<>();
    private final Set<Address> checkedTokens = new HashSet<>();
    private boolean tainted;
    private NotUnderstood failure;
    private NotUnderstood unsupported;

    RouterLedger(
            RouterDialect dialect,
            Address router,
            Address sender,
            Address wrappedNative,
            BigInteger value,
            Optional<BigInteger> deadline) {
        this.dialect = dialect;
        this.router = router;
        this.sender = sender;
        this.wrappedNative = wrappedNative;
        this.eth = value;
        this.deadline = deadline;
    }

    boolean failed() {
        return failure != null;
    }

    void fail(Reason reason, String detail) {
        if (failure == null) {
            failure = new NotUnderstood(reason, detail);
        }
    }

    /** A step not modelled at all: the transaction is not understood if it makes V2 swaps. */
    void unsupported(String detail) {
        if (unsupported == null) {
            unsupported = new NotUnderstood(Reason.UNSUPPORTED_STEP, detail);
        }
    }

    /** Resolves the routers' recipient placeholders: 1 is the sender, 2 the router itself. */
    Address recipient(Address raw) {
        BigInteger value = raw.toBigInteger();
        if (value.equals(BigInteger.ONE)) {
            return sender;
        }
        if (value.equals(BigInteger.TWO)) {
            return router;
        }
        return raw;
    }

    boolean isRouter(Address resolved) {
        return resolved.equals(router);
    }

    Address wrappedNative() {
        return wrappedNative;
    }

    BigInteger ethBalance() {
        return eth;
    }

    /** A step of another protocol (a V3 swap) that may move any router balance: nothing held is known any more. */
    void taint(String what) {
        tainted = true;
        for (Map.Entry<Address, Holding> entry : held.entrySet()) {
            if (entry.getValue().pending() != null) {
                fail(
                        Reason.UNMODELLED_OUTPUT,
                        entry.getValue().pending().function + " output may be consumed by " + what);
            }
            entry.setValue(Holding.UNKNOWN);
        }
    }

    /** ETH leaves the router's balance (wrapping, or paying a swap in ETH). */
    boolean spendEth(BigInteger amount) {
        if (amount.compareTo(eth) > 0) {
            fail(Reason.UNKNOWN_AMOUNT, "spends " + amount + " wei but the call carries " + eth);
            return false;
        }
        eth = eth.subtract(amount);
        return true;
    }

    /** Tokens arrive in the router (wrapped ETH, a permit transfer, a pull). */
    void deposit(Address token, BigInteger amount) {
        Holding h = held.get(token);
        if (tainted || (h != null && h.isUnknown())) {
            held.put(token, Holding.UNKNOWN);
        } else if (h != null && h.pending() != null) {
            fail(Reason.UNMODELLED_OUTPUT, h.pending().function + " output is combined with another deposit");
        } else {
            held.put(token, new Holding(h == null ? amount : h.known().add(amount), null));
        }
    }

    /** The router's whole balance of {@code token} is spent by a step; returns it, or null if not known exactly. */
    BigInteger takeAll(Address token, String by) {
        Holding h = held.get(token);
        if (h != null && h.pending() != null) {
            fail(Reason.UNMODELLED_OUTPUT, h.pending().function + " output is consumed by " + by);
            return null;
        }
        if (tainted || h == null || h.isUnknown()) {
            fail(Reason.UNKNOWN_AMOUNT, by + " spends the router's balance, which is not known");
            return null;
        }
        held.put(token, new Holding(BigInteger.ZERO, null));
        return h.known();
    }

    /** An explicit amount of {@code token} leaves the router's balance. Returns the known balance before, if any. */
    BigInteger take(Address token, BigInteger amount, String by) {
        Holding h = held.get(token);
        if (h != null && h.pending() != null) {
            fail(Reason.UNMODELLED_OUTPUT, h.pending().function + " output is consumed by " + by);
            return null;
        }
        if (tainted || h == null || h.isUnknown()) {
            return null;
        }
        BigInteger before = h.known();
        held.put(token, new Holding(before.subtract(amount).max(BigInteger.ZERO), null));
        return before;
    }

    /**
     * An amount not known in advance (an exact-output swap's input) leaves the router's balance of {@code token}.
     * Returns the balance before, which caps that amount, or null (and the transaction fails) if it is not known.
     */
    BigInteger spendSome(Address token, String by) {
        Holding h = held.get(token);
        if (h != null && h.pending() != null) {
            fail(Reason.UNMODELLED_OUTPUT, h.pending().function + " output is consumed by " + by);
            return null;
        }
        if (tainted || h == null || h.isUnknown()) {
            fail(Reason.UNKNOWN_AMOUNT, by + " is paid from a router balance that is not known");
            return null;
        }
        held.put(token, Holding.UNKNOWN);
        return h.known();
    }

    /** A V2 swap. Its output lands in the router when {@code recipient} is the router. */
    void swap(
            String function,
            SwapKind kind,
            List<Address> path,
            BigInteger amountIn,
            BigInteger amountOut,
            Address recipient,
            boolean nativeIn) {
        if (path.size() < 2) {
            fail(Reason.INVALID_PATH, function + ": path has " + path.size() + " tokens");
            return;
        }
        for (int h = 0; h + 1 < path.size(); h++) {
            if (path.get(h).equals(path.get(h + 1))) {
                fail(Reason.INVALID_PATH, function + ": identical tokens at hop " + h);
                return;
            }
        }
        Pending p = new Pending(function, kind, path, amountIn, amountOut, recipient, nativeIn);
        swaps.add(p);
        if (isRouter(recipient)) {
            Address out = path.get(path.size() - 1);
            Holding h = held.get(out);
            if (tainted
                    || (h != null
                            && (h.pending() != null
                                    || h.isUnknown()
                                    || h.known().signum() > 0))) {
                fail(Reason.UNMODELLED_OUTPUT, function + " output is combined with other router funds");
                return;
            }
            held.put(out, new Holding(null, p));
        }
    }

    /** A fee portion of the router's balance of {@code token} is paid away (Universal Router {@code PAY_PORTION}). */
    void payPortion(Address token, BigInteger bips) {
        if (bips.compareTo(BIPS) > 0) {
            fail(Reason.MALFORMED_CALLDATA, "portion of " + bips + " bips (the router reverts)");
            return;
        }
        Holding h = held.get(token);
        if (h == null || h.isUnknown()) {
            return;
        }
        if (h.pending() != null) {
            h.pending()
                    .steps
                    .add(balance -> balance.subtract(balance.multiply(bips).divide(BIPS)));
        } else {
            held.put(
                    token,
                    new Holding(h.known().subtract(h.known().multiply(bips).divide(BIPS)), null));
        }
    }

    /** A fixed amount of the router's {@code token} is transferred away. */
    void transfer(Address token, BigInteger value) {
        Holding h = held.get(token);
        if (h == null || h.isUnknown()) {
            return;
        }
        if (h.pending() != null) {
            h.pending().steps.add(balance -> balance.compareTo(value) >= 0 ? balance.subtract(value) : null);
        } else {
            held.put(token, new Holding(h.known().subtract(value).max(BigInteger.ZERO), null));
        }
    }

    /**
     * The router pays out its whole balance of {@code token} and requires at least {@code minimum} (an unwrap or a
     * sweep) to {@code to}. A pending swap output gets that minimum translated back through the steps taken on the
     * way, and {@code to} becomes its recipient.
     */
    void payOut(Address token, BigInteger minimum, Address to, boolean unwrapsToNative) {
        Holding h = held.get(token);
        if (h == null) {
            return;
        }
        if (h.pending() != null) {
            Pending p = h.pending();
            p.recipient = to;
            p.nativeOut = unwrapsToNative;
            if (p.kind == SwapKind.EXACT_INPUT) {
                BigInteger least = leastInputMeeting(p.steps, minimum);
                if (least == null) {
                    fail(Reason.UNMODELLED_OUTPUT, p.function + " output can never meet the minimum " + minimum);
                    return;
                }
                p.amountOut = p.amountOut.max(least);
            }
        } else if (tainted && minimum.signum() > 0) {
            // a minimum over funds mevkit cannot follow may bind a V2 output that went there
            for (Pending p : swaps) {
                if (isRouter(p.recipient) && p.path.get(p.path.size() - 1).equals(token)) {
                    fail(Reason.UNMODELLED_OUTPUT, p.function + " output is checked together with other funds");
                }
            }
        }
        held.put(token, new Holding(BigInteger.ZERO, null));
    }

    /** A balance check on {@code token} (Universal Router {@code BALANCE_CHECK_ERC20}). */
    void balanceCheck(Address token) {
        checkedTokens.add(token);
    }

    /** The smallest output whose balance, after {@code steps}, is at least {@code minimum}; null if none is. */
    private static BigInteger leastInputMeeting(List<Step> steps, BigInteger minimum) {
        if (meets(steps, BigInteger.ZERO, minimum)) {
            return BigInteger.ZERO;
        }
        if (!meets(steps, MAX_UINT256, minimum)) {
            return null;
        }
        BigInteger lo = BigInteger.ZERO; // fails
        BigInteger hi = MAX_UINT256; // meets; every step is monotone, so the set that meets is an interval up to MAX
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (meets(steps, mid, minimum)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean meets(List<Step> steps, BigInteger balance, BigInteger minimum) {
        BigInteger b = balance;
        for (Step step : steps) {
            b = step.apply(b);
            if (b == null) {
                return false;
            }
        }
        return b.compareTo(minimum) >= 0;
    }

    /** The decoded swaps, or why the transaction is not understood. */
    DecodeResult result() {
        if (failure != null) {
            return failure;
        }
        if (swaps.isEmpty()) {
            return new NotUnderstood(Reason.NO_V2_SWAP, "the call makes no V2 swap");
        }
        if (unsupported != null) {
            return unsupported;
        }
        Set<String> pairs = new HashSet<>();
        List<VictimSwap> out = new ArrayList<>();
        for (Pending p : swaps) {
            if (checkedTokens.contains(p.path.get(p.path.size() - 1))) {
                return new NotUnderstood(
                        Reason.UNMODELLED_OUTPUT,
                        p.function + " output is subject to a balance check on the recipient");
            }
            for (int i = 0; i + 1 < p.path.size(); i++) {
                Address a = p.path.get(i);
                Address b = p.path.get(i + 1);
                String key = a.compareTo(b) < 0 ? a.hex() + b.hex() : b.hex() + a.hex();
                if (!pairs.add(key)) {
                    return new NotUnderstood(Reason.SHARED_PAIR, "two swaps go through the pair of " + a + " and " + b);
                }
            }
            out.add(new VictimSwap(
                    dialect,
                    router,
                    p.function,
                    p.kind,
                    p.path,
                    p.amountIn,
                    p.amountOut,
                    p.recipient,
                    deadline,
                    false,
                    p.nativeIn,
                    p.nativeOut));
        }
        return new DecodeResult.Swaps(out);
    }
}
