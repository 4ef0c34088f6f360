package io.chassis.core.internal.server;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.DelegateOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.util.function.Function;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;

/**
 * The HTTP/1.1 side of an ALPN listener: puts the chassis' connection layer under a connection once
 * ALPN chose HTTP/1.1, then hands it to Undertow's HTTP/1.1 listener. The bytes ALPN read past the
 * handshake go through the request head guard too.
 */
final class GuardedHttp1 implements DelegateOpenListener {

    private final HttpOpenListener http1;
    private final Function<StreamConnection, RequestHeadGuard> guard;

    GuardedHttp1(HttpOpenListener http1, Function<StreamConnection, RequestHeadGuard> guard) {
        this.http1 = http1;
        this.guard = guard;
    }

    @Override
    public void handleEvent(StreamConnection connection, PooledByteBuffer read) {
        RequestHeadGuard head = guard.apply(connection);
        if (read != null) {
            head.nextRequest(read);
        }
        http1.handleEvent(connection, read);
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        guard.apply(connection);
        http1.handleEvent(connection);
    }

    @Override
    public HttpHandler getRootHandler() {
        return http1.getRootHandler();
    }

    @Override
    public void setRootHandler(HttpHandler rootHandler) {
        http1.setRootHandler(rootHandler);
    }

    @Override
    public OptionMap getUndertowOptions() {
        return http1.getUndertowOptions();
    }

    @Override
    public void setUndertowOptions(OptionMap undertowOptions) {
        http1.setUndertowOptions(undertowOptions);
    }

    @Override
    public ByteBufferPool getBufferPool() {
        return http1.getBufferPool();
    }

    @Override
    public ConnectorStatistics getConnectorStatistics() {
        return http1.getConnectorStatistics();
    }
}
