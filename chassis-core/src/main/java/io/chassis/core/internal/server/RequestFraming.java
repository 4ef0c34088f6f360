package io.chassis.core.internal.server;

import io.chassis.core.internal.RequestIds;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.StreamConnection;

/**
 * The first handler of every request on a listener, before {@link RequestLifecycle}: rules of RFC 9112
 * that Undertow 2.3 and 2.4 do not enforce, on the connection layer the chassis owns.
 *
 * <p>Undertow decodes any {@code Transfer-Encoding} other than exactly {@code identity} as chunked
 * ({@code chunked, identity}, {@code xchunked}, ...) and waits for the connection to close on {@code
 * identity} alone, so a proxy in front that frames the same bytes differently lets a second request be
 * smuggled behind the first. Here a {@code Transfer-Encoding} is accepted only as exactly {@code chunked}
 * on HTTP/1.1 (§6.3: a final coding other than chunked is 400 and the connection closed; §6.1: HTTP/1.0
 * has faulty framing with it); Undertow itself already refuses it next to a Content-Length and refuses
 * it twice. Anything else is answered like a request the parser refused (400 problem, request id,
 * {@code Connection: close}, counted in {@code http_server_requests_unparseable_total}, not timed as a
 * request), and nothing behind it on the connection is read.
 *
 * <p>It also tells the connection's {@link RequestHeadGuard} where each head ended, and where the next
 * one begins when the request has no body ({@link Dispatcher} does when the body is read). Per request:
 * two lookups (a header, a connection attachment), no allocation.
 */
final class RequestFraming implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger("io.chassis.core.http");

    static final String TRANSFER_ENCODING = "Transfer-Encoding must be exactly 'chunked' (RFC 9112 section 6.3);"
            + " other transfer codings are not supported. Send a Content-Length or a chunked body.";

    private final HttpHandler next;
    private final Runnable onReject;
    /**
     * Guards of connections that have not had a request yet. Undertow wraps the connection's conduits
     * (its idle-timeout conduit) before it creates the connection the exchanges see, so the guard is
     * handed over here and moved into the connection's attachments on its first request. Weak both
     * ways: a connection that closes without a request leaves nothing behind.
     */
    private final Map<StreamConnection, WeakReference<RequestHeadGuard>> unclaimed =
            Collections.synchronizedMap(new WeakHashMap<>());

    RequestFraming(HttpHandler next, Runnable onReject) {
        this.next = next;
        this.onReject = onReject;
    }

    /** A new connection: its guard waits here for the connection's first request. */
    void opened(StreamConnection connection, RequestHeadGuard guard) {
        unclaimed.put(connection, new WeakReference<>(guard));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RequestHeadGuard guard = guard(exchange);
        if (guard != null) {
            if (exchange.isRequestComplete()) {
                // no body: what follows on the connection is the next request's head
                guard.nextRequest(
                        exchange.getConnection() instanceof AbstractServerConnection c ? c.getExtraBytes() : null);
            } else {
                guard.headParsed(); // Dispatcher re-arms it once the body is read
            }
        }
        HeaderValues transferEncoding = exchange.getRequestHeaders().get(Headers.TRANSFER_ENCODING);
        if (transferEncoding != null && !isChunkedOnly(exchange, transferEncoding)) {
            reject(exchange, TRANSFER_ENCODING);
            return;
        }
        next.handleRequest(exchange);
    }

    private static boolean isChunkedOnly(HttpServerExchange exchange, HeaderValues transferEncoding) {
        // Undertow trims header values; a list ("gzip, chunked", "chunked, chunked") is not exactly chunked
        return exchange.isHttp11()
                && transferEncoding.size() == 1
                && "chunked".equalsIgnoreCase(transferEncoding.getFirst());
    }

    private RequestHeadGuard guard(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        RequestHeadGuard guard = connection.getAttachment(RequestHeadGuard.KEY);
        if (guard == null && connection instanceof AbstractServerConnection c) {
            WeakReference<RequestHeadGuard> handedOver = unclaimed.remove(c.getChannel());
            guard = handedOver == null ? null : handedOver.get();
            if (guard != null) {
                connection.putAttachment(RequestHeadGuard.KEY, guard);
            }
        }
        return guard;
    }

    /** The same answer as {@link UnparseableRequestConduit}'s, through the exchange since the headers were parsed. */
    private void reject(HttpServerExchange exchange, String detail) {
        String id = RequestIds.acceptOrGenerate(exchange.getRequestHeaders().getFirst(RequestIds.HEADER));
        exchange.putAttachment(RequestIds.KEY, id);
        exchange.setPersistent(false); // Connection: close; what follows on the connection is never read
        exchange.setStatusCode(400);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ProblemWriter.CONTENT_TYPE);
        exchange.getResponseHeaders().put(RequestIds.HEADER, id);
        ResponseHygiene.apply(exchange.getResponseHeaders());
        onReject.run(); // before the send: a client that sees the close may scrape the counter at once
        exchange.getResponseSender().send(ByteBuffer.wrap(UnparseableRequestConduit.problemBody(id, detail)));
        log.debug("Request with unsupported framing from {} answered 400", exchange.getSourceAddress());
    }
}
