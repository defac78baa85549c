package io.mevkit.ws.internal;

import io.mevkit.core.Address;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.WsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link BackfillSource} over the core's HTTP {@link RpcClient} (its retries, circuit breakers, chain-id check,
 * response-size cap and credential redaction included). Thread-safe, as the client is.
 */
public final class RpcBackfillSource implements BackfillSource {
    private final RpcClient rpc;

    public RpcBackfillSource(RpcClient rpc) {
        this.rpc = rpc;
    }

    @Override
    public long blockNumber() {
        return rpc.blockNumber();
    }

    @Override
    public Optional<Head> blockByNumber(long number) {
        return rpc.getBlockByNumber(BlockTag.number(number), false).map(RpcBackfillSource::head);
    }

    @Override
    public List<LogEvent> logs(LogFilter filter, long fromBlock, long toBlock) {
        io.mevkit.core.rpc.LogFilter query = new io.mevkit.core.rpc.LogFilter(
                Optional.of(BlockTag.number(fromBlock)),
                Optional.of(BlockTag.number(toBlock)),
                Optional.empty(),
                filter.addresses(),
                filter.topics());
        List<Log> logs = rpc.getLogs(query);
        List<LogEvent> out = new ArrayList<>(logs.size());
        for (Log log : logs) {
            out.add(logEvent(log));
        }
        return out;
    }

    static Head head(Block b) {
        return new Head(
                b.number(),
                b.hash().orElseThrow(() -> new WsException("block " + b.number() + " came without a hash (pending?)")),
                b.parentHash(),
                b.timestamp(),
                b.baseFeePerGas(),
                b.gasLimit(),
                b.gasUsed(),
                b.miner().orElse(Address.ZERO));
    }

    static LogEvent logEvent(Log log) {
        return new LogEvent(
                log.address(),
                log.topics(),
                log.data().toLowerCase(Locale.ROOT),
                log.blockNumber().orElseThrow(() -> new WsException("a log without blockNumber (pending?)")),
                log.blockHash().orElseThrow(() -> new WsException("a log without blockHash (pending?)")),
                log.transactionHash().orElseThrow(() -> new WsException("a log without transactionHash")),
                (int) log.transactionIndex().orElseThrow(() -> new WsException("a log without transactionIndex")),
                (int) log.logIndex().orElseThrow(() -> new WsException("a log without logIndex")),
                log.removed());
    }

    @Override
    public String toString() {
        return "RpcBackfillSource[" + rpc.endpoints() + "]";
    }
}
