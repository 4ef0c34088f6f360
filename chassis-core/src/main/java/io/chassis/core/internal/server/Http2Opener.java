package io.chassis.core.internal.server;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.protocols.http2.Http2Channel;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.DelegateOpenListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http2.Http2ReceiveListener;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;

/**
 * Starts HTTP/2 on a connection whose protocol is known (ALPN chose {@code h2}, or the client sent the
 * cleartext preface): what Undertow's {@code Http2OpenListener} does, except that each connection gets
 * its own {@link Http2Connection} in front of the listener's handlers, so that stopping the listener
 * can send it a GOAWAY. The bytes read while choosing the protocol (the preface included) are handed
 * to the HTTP/2 channel, which reads the preface from them.
 */
final class Http2Opener implements DelegateOpenListener {

    private final ByteBufferPool buffers;
    private final ConnectionTracker tracker;
    private final String protocol;
    private OptionMap options;
    private HttpHandler root;

    /** @param root the listener's first handler, which every stream goes on to */
    Http2Opener(
            ByteBufferPool buffers, OptionMap options, ConnectionTracker tracker, String protocol, HttpHandler root) {
        this.buffers = buffers;
        this.options = options;
        this.tracker = tracker;
        this.protocol = protocol;
        this.root = root;
    }

    @Override
    public void handleEvent(StreamConnection connection, PooledByteBuffer read) {
        Http2Channel channel = new Http2Channel(connection, protocol, buffers, read, false, false, options);
        int idle = options.get(UndertowOptions.IDLE_TIMEOUT, 0);
        if (idle > 0) {
            channel.setIdleTimeout(idle);
        }
        Http2Connection tracked = tracker.open(channel, root);
        channel.getReceiveSetter().set(new Http2ReceiveListener(tracked, options, buffers.getBufferSize(), null));
        channel.resumeReceives();
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        handleEvent(connection, null);
    }

    @Override
    public HttpHandler getRootHandler() {
        return root;
    }

    @Override
    public void setRootHandler(HttpHandler rootHandler) {
        this.root = rootHandler;
    }

    @Override
    public OptionMap getUndertowOptions() {
        return options;
    }

    @Override
    public void setUndertowOptions(OptionMap undertowOptions) {
        this.options = undertowOptions;
    }

    @Override
    public ByteBufferPool getBufferPool() {
        return buffers;
    }

    @Override
    public ConnectorStatistics getConnectorStatistics() {
        return null;
    }
}
