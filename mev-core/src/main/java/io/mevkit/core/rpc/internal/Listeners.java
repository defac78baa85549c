package io.mevkit.core.rpc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls user listeners so that their failures cannot break a call. */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    public static void safely(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.debug("an RpcListener threw {}; ignored", e.getClass().getName());
        }
    }
}
