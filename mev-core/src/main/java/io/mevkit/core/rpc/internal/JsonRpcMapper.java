package io.mevkit.core.rpc.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.FeeHistory;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.LogFilter;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.rpc.TransactionReceipt;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The Jackson mapping mevkit uses on the wire: hex quantities for {@code BigInteger} and {@code Long}, 0x-hex for
 * {@code byte[]}, {@link Address}, {@link Hash}, and the streaming {@link Decoders} for the RPC records. The mapper
 * is configured once and never changed, hence safe to share.
 */
public final class JsonRpcMapper {
    public static final TypeFactory TYPES = TypeFactory.defaultInstance();
    private static final ObjectMapper SHARED = create();

    private JsonRpcMapper() {}

    /** The shared, fully configured mapper. */
    public static ObjectMapper shared() {
        return SHARED;
    }

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("mevkit-jsonrpc");
        module.addSerializer(BigInteger.class, new QuantitySerializer());
        module.addSerializer(byte[].class, new BytesSerializer());
        module.addSerializer(Address.class, new ToStringSerializer<>(Address.class, Address::hex));
        module.addSerializer(Hash.class, new ToStringSerializer<>(Hash.class, Hash::hex));
        module.addSerializer(BlockTag.class, new ToStringSerializer<>(BlockTag.class, BlockTag::value));
        module.addSerializer(LogFilter.class, new LogFilterSerializer());

        module.addDeserializer(BigInteger.class, new Reader<>(Decoders::quantity));
        module.addDeserializer(Long.class, new Reader<>(Decoders::longQuantity));
        module.addDeserializer(Long.TYPE, new Reader<>(Decoders::longQuantity));
        module.addDeserializer(byte[].class, new Reader<>((p, f) -> Hex.decode(Decoders.text(p, f))));
        module.addDeserializer(Address.class, new Reader<>(Decoders::address));
        module.addDeserializer(Hash.class, new Reader<>(Decoders::hash));
        module.addDeserializer(Block.class, new Reader<>((p, f) -> Decoders.block(p)));
        module.addDeserializer(Transaction.class, new Reader<>((p, f) -> Decoders.transaction(p)));
        module.addDeserializer(TransactionReceipt.class, new Reader<>((p, f) -> Decoders.receipt(p)));
        module.addDeserializer(Log.class, new Reader<>((p, f) -> Decoders.log(p)));
        module.addDeserializer(FeeHistory.class, new Reader<>((p, f) -> Decoders.feeHistory(p)));
        return JsonMapper.builder()
                .addModule(module)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @FunctionalInterface
    private interface ReadFn<T> {
        T read(JsonParser p, String field) throws IOException;
    }

    private static final class Reader<T> extends JsonDeserializer<T> {
        private final ReadFn<T> fn;

        Reader(ReadFn<T> fn) {
            this.fn = fn;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String field = p.currentName() == null ? "result" : p.currentName();
            return fn.read(p, field);
        }
    }

    private static final class QuantitySerializer extends JsonSerializer<BigInteger> {
        @Override
        public void serialize(BigInteger value, JsonGenerator g, SerializerProvider provider) throws IOException {
            if (value.signum() < 0) {
                throw new ValidationException("param", value, "a quantity must not be negative");
            }
            g.writeString("0x" + value.toString(16));
        }
    }

    private static final class BytesSerializer extends JsonSerializer<byte[]> {
        @Override
        public void serialize(byte[] value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(Hex.encode(value));
        }
    }

    private static final class ToStringSerializer<T> extends JsonSerializer<T> {
        private final Class<T> type;
        private final java.util.function.Function<T, String> text;

        ToStringSerializer(Class<T> type, java.util.function.Function<T, String> text) {
            this.type = type;
            this.text = text;
        }

        @Override
        public Class<T> handledType() {
            return type;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(text.apply(value));
        }
    }

    private static final class LogFilterSerializer extends JsonSerializer<LogFilter> {
        @Override
        public void serialize(LogFilter filter, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            if (filter.blockHash().isPresent()) {
                g.writeStringField("blockHash", filter.blockHash().get().hex());
            }
            if (filter.fromBlock().isPresent()) {
                g.writeStringField("fromBlock", filter.fromBlock().get().value());
            }
            if (filter.toBlock().isPresent()) {
                g.writeStringField("toBlock", filter.toBlock().get().value());
            }
            if (!filter.addresses().isEmpty()) {
                g.writeArrayFieldStart("address");
                for (Address a : filter.addresses()) {
                    g.writeString(a.hex());
                }
                g.writeEndArray();
            }
            if (!filter.topics().isEmpty()) {
                g.writeArrayFieldStart("topics");
                for (List<Hash> position : filter.topics()) {
                    if (position.isEmpty()) {
                        g.writeNull();
                    } else {
                        g.writeStartArray();
                        for (Hash topic : position) {
                            g.writeString(topic.hex());
                        }
                        g.writeEndArray();
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }

    /** Whether the parser sits on JSON null. */
    static boolean isNull(JsonParser p) {
        return p.currentToken() == JsonToken.VALUE_NULL;
    }
}
