package io.chassis.core.internal;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HttpString;

/** The HTTP side of {@link io.chassis.core.spi.RequestIds}: the id stored on the exchange. */
public final class RequestIds {

    public static final HttpString HEADER = HttpString.tryFromString(io.chassis.core.spi.RequestIds.HEADER);
    public static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
    public static final String MDC_KEY = io.chassis.core.spi.RequestIds.MDC_KEY;

    private RequestIds() {}

    /** @return the request id of the exchange; generates one if the root handler did not run */
    public static String of(HttpServerExchange exchange) {
        String id = exchange.getAttachment(KEY);
        if (id == null) {
            id = generate();
            exchange.putAttachment(KEY, id);
        }
        return id;
    }

    /** @return the incoming id if it is safe to log and echo, else a fresh one */
    public static String acceptOrGenerate(String incoming) {
        return io.chassis.core.spi.RequestIds.acceptOrGenerate(incoming);
    }

    /** @return a fresh id */
    public static String generate() {
        return io.chassis.core.spi.RequestIds.generate();
    }
}
