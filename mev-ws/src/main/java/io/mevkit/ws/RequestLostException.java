package io.mevkit.ws;

/**
 * The socket dropped while a request whose {@link RequestPolicy} is {@link RequestPolicy#FAIL} was in flight: it was
 * written, so the node may or may not have received it, and it is not sent again (a transaction or bundle must not be
 * submitted twice by the transport). The caller decides, e.g. by looking the transaction up.
 */
public class RequestLostException extends WsException {
    private static final long serialVersionUID = 1L;

    private final String method;

    public RequestLostException(String method) {
        super("the connection dropped while " + method
                + " was in flight; it may or may not have reached the node and is not resent");
        this.method = method;
    }

    public String method() {
        return method;
    }
}
