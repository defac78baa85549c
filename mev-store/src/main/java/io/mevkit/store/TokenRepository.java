package io.mevkit.store;

import java.util.Optional;

/** Tokens by chain and address. Obtained from a {@link StoreTransaction}; valid only inside its callback. */
public interface TokenRepository {
    /** Inserts the token, or refreshes its symbol, decimals and name if it is already stored. */
    Token upsert(Token token);

    Optional<Token> find(long chainId, String address);
}
