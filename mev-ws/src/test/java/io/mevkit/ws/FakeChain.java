package io.mevkit.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic in-memory chain for protocol tests: blocks with linked hashes, zero to two logs each from one
 * contract, reorgs that replace the newest blocks. Seeded, so a failing run can be replayed. Thread-safe.
 */
final class FakeChain {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTRACT = "0x00000000000000000000000000000000000c0de1";
    static final String OTHER_CONTRACT = "0x00000000000000000000000000000000000c0de2";
    static final String TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    record Log(long block, String blockHash, int logIndex, String txHash, int txIndex, String address, String data) {
        ObjectNode json(boolean removed) {
            ObjectNode n = JSON.createObjectNode();
            n.put("address", address);
            ArrayNode topics = n.putArray("topics");
            topics.add(TOPIC);
            n.put("data", data);
            n.put("blockNumber", hex(block));
            n.put("blockHash", blockHash);
            n.put("transactionHash", txHash);
            n.put("transactionIndex", hex(txIndex));
            n.put("logIndex", hex(logIndex));
            n.put("removed", removed);
            return n;
        }
    }

    record Block(long number, String hash, String parentHash, long timestamp, List<Log> logs) {
        ObjectNode header() {
            ObjectNode n = JSON.createObjectNode();
            n.put("number", hex(number));
            n.put("hash", hash);
            n.put("parentHash", parentHash);
            n.put("timestamp", hex(timestamp));
            n.put("gasLimit", hex(30_000_000));
            n.put("gasUsed", hex(21_000L * logs.size()));
            n.put("miner", "0x0000000000000000000000000000000000000000");
            n.put("baseFeePerGas", hex(1_000_000_000L + number));
            // the rest of a real header, which full decoders require
            n.put("sha3Uncles", "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
            n.put("transactionsRoot", "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
            n.put("stateRoot", "0x" + "ab".repeat(32));
            n.put("receiptsRoot", "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
            n.put("logsBloom", "0x" + "00".repeat(256));
            n.put("difficulty", "0x0");
            n.put("extraData", "0x");
            n.put("nonce", "0x0000000000000000");
            n.put("mixHash", "0x" + "00".repeat(32));
            return n;
        }
    }

    /** Receives chain events, in order, on the mining thread. */
    interface Listener {
        void onBlock(Block block);

        void onReorg(List<Block> removed, List<Block> added);
    }

    private final SplittableRandom random;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    FakeChain(long seed) {
        this.random = new SplittableRandom(seed);
        blocks.add(new Block(0, randomHash(), "0x" + "00".repeat(32), 1_700_000_000L, List.of()));
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Mines one block with zero to two logs and tells every node. */
    Block mine() {
        Block block;
        synchronized (this) {
            block = nextBlock(blocks.get(blocks.size() - 1));
            blocks.add(block);
        }
        listeners.forEach(l -> l.onBlock(block));
        return block;
    }

    /** Mines one block with exactly {@code count} logs, all from {@link #CONTRACT}, and tells every node. */
    Block mineWithLogs(int count) {
        Block block;
        synchronized (this) {
            block = withContractLogs(nextBlock(blocks.get(blocks.size() - 1)), count);
            blocks.add(block);
        }
        listeners.forEach(l -> l.onBlock(block));
        return block;
    }

    List<Block> mine(int count) {
        List<Block> mined = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mined.add(mine());
        }
        return mined;
    }

    /** Replaces the newest {@code depth} blocks with as many new ones (each with at least one log). */
    List<Block> reorg(int depth) {
        List<Block> removed;
        List<Block> added = new ArrayList<>();
        synchronized (this) {
            int keep = blocks.size() - depth;
            removed = new ArrayList<>(blocks.subList(keep, blocks.size()));
            blocks.subList(keep, blocks.size()).clear();
            for (int i = 0; i < depth; i++) {
                Block b = nextBlock(blocks.get(blocks.size() - 1));
                if (b.logs().isEmpty()) {
                    b = withContractLogs(b, 1);
                }
                blocks.add(b);
                added.add(b);
            }
        }
        listeners.forEach(l -> l.onReorg(removed, added));
        return removed;
    }

    synchronized long head() {
        return blocks.size() - 1;
    }

    synchronized Block block(long number) {
        return blocks.get((int) number);
    }

    synchronized List<Block> blocks(long from, long to) {
        return new ArrayList<>(blocks.subList((int) from, (int) Math.min(to, head()) + 1));
    }

    /** Every canonical log of blocks {@code from..to} from {@code address} (or any address when null). */
    synchronized List<Log> logs(long from, long to, String address) {
        List<Log> out = new ArrayList<>();
        for (long n = Math.max(0, from); n <= Math.min(to, head()); n++) {
            for (Log log : blocks.get((int) n).logs()) {
                if (address == null || address.equalsIgnoreCase(log.address())) {
                    out.add(log);
                }
            }
        }
        return out;
    }

    private Block nextBlock(Block parent) {
        long number = parent.number() + 1;
        String hash = randomHash();
        int count = random.nextInt(3);
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = random.nextInt(5) == 0 ? OTHER_CONTRACT : CONTRACT;
            logs.add(new Log(number, hash, i, randomHash(), i, address, "0x" + String.format("%064x", number)));
        }
        return new Block(number, hash, parent.hash(), parent.timestamp() + 1, List.copyOf(logs));
    }

    private Block withContractLogs(Block b, int count) {
        List<Log> logs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logs.add(new Log(
                    b.number(), b.hash(), i, randomHash(), i, CONTRACT, "0x" + String.format("%064x", b.number())));
        }
        return new Block(b.number(), b.hash(), b.parentHash(), b.timestamp(), List.copyOf(logs));
    }

    private String randomHash() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 32; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) {
                bytes[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
