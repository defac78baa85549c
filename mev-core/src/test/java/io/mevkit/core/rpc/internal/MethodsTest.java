package io.mevkit.core.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MethodsTest {
    @ParameterizedTest
    @CsvSource({
        "eth_blockNumber, true",
        "eth_call, true",
        "eth_getLogs, true",
        "eth_callBundle, true",
        "net_version, true",
        "web3_clientVersion, true",
        "eth_sendRawTransaction, false",
        "eth_sendBundle, false",
        "eth_signTypedData_v4, false",
        "eth_newFilter, false",
        "eth_getFilterChanges, false",
        "eth_uninstallFilter, false",
        "eth_subscribe, false",
        "eth_cancelBundle, false",
        "mev_sendBundle, false",
        "anvil_mine, false",
        "debug_traceCall, false"
    })
    void idempotentReadsAreTheSafeEthNetWeb3Methods(String method, boolean idempotent) {
        assertEquals(idempotent, Methods.isIdempotentRead(method));
    }

    @ParameterizedTest
    @CsvSource({"eth_call, true", "'', false", "eth call, false", "eth-call, false", "eth_call;, false"})
    void namesAreLettersDigitsAndUnderscores(String method, boolean valid) {
        assertEquals(valid, Methods.isValidName(method));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "already known | true",
                "AlreadyKnown | true",
                "Known transaction: 0xabc | true",
                "transaction already imported | true",
                "nonce too low: next nonce 5, tx nonce 4 | true",
                "OldNonce | true",
                "replacement transaction underpriced | true",
                "insufficient funds for gas * price + value | false",
                "intrinsic gas too low | false",
                "max fee per gas less than block base fee | false"
            })
    void sendAnswersThatMayMeanTheNodeHasOurTransaction(String message, boolean mayBeOurs) {
        assertEquals(mayBeOurs, SendErrors.mayBeOurs(message));
    }
}
