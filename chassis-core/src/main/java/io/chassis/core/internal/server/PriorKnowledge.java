package io.chassis.core.internal.server;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.DelegateOpenListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * Cleartext HTTP/2 with prior knowledge (RFC 9113 section 3.3) beside HTTP/1.1 on one plaintext port:
 * reads a new connection's first bytes and hands it, with those bytes, to HTTP/2 when they are the
 * client's connection preface and to HTTP/1.1 as soon as they cannot be. A request method never
 * starts with {@code PRI *}, so an HTTP/1.1 client is told apart on its first bytes, usually its first
 * read. The {@code Upgrade: h2c} dance is not offered (RFC 9113 deprecates it).
 *
 * <p>The chassis' HTTP/1.1 connection layer goes on at accept, before the first read, exactly as on a
 * port without h2c: the bytes read here pass the request head guard and count as reads of a tracked
 * connection, so a stop that begins while a connection is undecided, or while its first request is
 * half received, waits for it as for any other. A connection that turns out to be HTTP/2 leaves the
 * HTTP/1.1 tracking and is tracked as HTTP/2. No buffer is held while nothing has arrived.
 *
 * <p>A connection that sends neither within {@code request-parse-timeout} is closed, as an
 * incomplete HTTP/1.1 request head would be.
 */
final class PriorKnowledge implements ChannelListener<StreamConnection> {

    private static final Logger log = LoggerFactory.getLogger("io.chassis.core.http");

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ByteBufferPool buffers;
    private final Function<StreamConnection, RequestHeadGuard> http1Layer;
    private final ConnectionTracker tracker;
    private final DelegateOpenListener http1;
    private final DelegateOpenListener http2;
    private final long timeoutMillis;

    /**
     * @param http1Layer puts the HTTP/1.1 connection layer (head guard, tracking) under a new connection
     * @param http1 Undertow's HTTP/1.1 listener, for a connection whose layer is on already
     */
    PriorKnowledge(
            ByteBufferPool buffers,
            Function<StreamConnection, RequestHeadGuard> http1Layer,
            ConnectionTracker tracker,
            DelegateOpenListener http1,
            DelegateOpenListener http2,
            long timeoutMillis) {
        this.buffers = buffers;
        this.http1Layer = http1Layer;
        this.tracker = tracker;
        this.http1 = http1;
        this.http2 = http2;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handleEvent(StreamConnection connection) {
        http1Layer.apply(connection);
        new Sniff(connection).read(connection.getSourceChannel());
    }

    /** One connection until its protocol is known; runs on the connection's IO thread. */
    private final class Sniff implements ChannelListener<ConduitStreamSourceChannel> {

        private final StreamConnection connection;
        /** Null while nothing has been read. */
        private PooledByteBuffer pooled;

        private XnioExecutor.Key timeout;

        Sniff(StreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public void handleEvent(ConduitStreamSourceChannel source) {
            read(source);
        }

        void read(ConduitStreamSourceChannel source) {
            if (pooled == null) {
                pooled = buffers.allocate();
            }
            ByteBuffer buffer = pooled.getBuffer();
            int n;
            try {
                n = source.read(buffer);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                fail();
                return;
            }
            int matched = matched(buffer);
            if (matched == PREFACE.length) {
                tracker.untrack(connection);
                handTo(source, http2);
            } else if (matched < buffer.position()) {
                handTo(source, http1); // a byte that is not the preface's: HTTP/1.1 (or garbage, which it refuses)
            } else {
                // nothing yet, or a prefix of the preface: wait for more
                if (buffer.position() == 0) {
                    pooled.close();
                    pooled = null;
                }
                if (timeout == null) {
                    source.getReadSetter().set(this);
                    source.resumeReads();
                    timeout = connection.getIoThread().executeAfter(this::fail, timeoutMillis, TimeUnit.MILLISECONDS);
                }
            }
        }

        /** @return how many of the bytes read so far agree with the preface */
        private int matched(ByteBuffer buffer) {
            int end = Math.min(buffer.position(), PREFACE.length);
            for (int i = 0; i < end; i++) {
                if (buffer.get(i) != PREFACE[i]) {
                    return i;
                }
            }
            return end;
        }

        private void handTo(ConduitStreamSourceChannel source, DelegateOpenListener next) {
            stopWaiting(source);
            PooledByteBuffer read = pooled;
            pooled = null;
            read.getBuffer().flip();
            next.handleEvent(connection, read); // it owns the buffer from here
        }

        private void fail() {
            stopWaiting(connection.getSourceChannel());
            if (pooled != null) {
                pooled.close();
                pooled = null;
            }
            log.debug("Connection from {} closed before it sent a request", connection.getPeerAddress());
            IoUtils.safeClose(connection);
        }

        private void stopWaiting(ConduitStreamSourceChannel source) {
            if (timeout != null) {
                timeout.remove();
            }
            source.getReadSetter().set(null);
            source.suspendReads();
        }
    }
}
