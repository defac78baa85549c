package io.mevkit.store.internal;

import io.mevkit.store.Token;
import io.mevkit.store.TokenRepository;
import java.util.Optional;

/** Tokens by chain and address. */
final class JdbiTokens implements TokenRepository {
    private final TxContext tx;

    JdbiTokens(TxContext tx) {
        this.tx = tx;
    }

    @Override
    public Token upsert(Token token) {
        tx.handle
                .createUpdate("INSERT INTO tokens (chain_id, address, symbol, name, decimals, updated_ms)"
                        + " VALUES (:chainId, :address, :symbol, :name, :decimals, :now)"
                        + " ON CONFLICT (chain_id, address) DO UPDATE SET symbol = excluded.symbol,"
                        + " name = excluded.name, decimals = excluded.decimals, updated_ms = excluded.updated_ms")
                .bind("chainId", token.chainId())
                .bind("address", token.address())
                .bind("symbol", token.symbol())
                .bindByType("name", token.name(), String.class)
                .bind("decimals", token.decimals())
                .bind("now", tx.now())
                .execute();
        return token;
    }

    @Override
    public Optional<Token> find(long chainId, String address) {
        return tx.handle
                .createQuery("SELECT chain_id, address, symbol, name, decimals FROM tokens"
                        + " WHERE chain_id = :chainId AND address = :address")
                .bind("chainId", chainId)
                .bind("address", Validate.address("address", address))
                .map((rs, ctx) -> new Token(
                        rs.getLong("chain_id"),
                        rs.getString("address"),
                        rs.getString("symbol"),
                        rs.getInt("decimals"),
                        rs.getString("name")))
                .findOne();
    }
}
