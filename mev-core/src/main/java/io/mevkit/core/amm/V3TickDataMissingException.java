package io.mevkit.core.amm;

import io.mevkit.core.MevException;

/**
 * A swap needs a tick bitmap word that the {@link V3PoolState} does not hold (its ticks were loaded for a range of
 * words only): the result would depend on ticks nobody read, so none is given. Load more words and simulate again.
 */
public final class V3TickDataMissingException extends MevException {
    private static final long serialVersionUID = 1L;

    private final int wordPosition;

    public V3TickDataMissingException(int wordPosition, int minWord, int maxWord) {
        super("the swap reaches tick bitmap word " + wordPosition + " but the pool state holds ticks for words "
                + minWord + ".." + maxWord + " only");
        this.wordPosition = wordPosition;
    }

    /** The word ({@code tickBitmap(int16)} key) that was needed. */
    public int wordPosition() {
        return wordPosition;
    }
}
