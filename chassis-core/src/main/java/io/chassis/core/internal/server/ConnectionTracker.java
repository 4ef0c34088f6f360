package io.chassis.core.internal.server;

import io.undertow.protocols.http2.Http2Channel;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.xnio.StreamConnection;

/**
 * The open connections of one listener, so that stopping it can wait for connections rather than
 * only for requests that already reached a handler.
 *
 * <p>After the listener stopped accepting, {@link #drain} marks the tracker closing: every response
 * from then on says {@code Connection: close} (the connection closes after it), a request that
 * arrives is answered 503 + {@code Connection: close}, and a connection that is between requests
 * and has been quiet for the quiet period is closed. A connection with a request in progress, or
 * with part of one received, stays open until that request is answered; a request whose headers
 * never complete is closed by Undertow's {@code request-parse-timeout}. An HTTP/2 connection gets a
 * GOAWAY once none of its streams runs ({@link Http2Connection}).
 *
 * <p>Costs: one map entry per connection; on the request path only {@link TrackedConnection}'s
 * stores and one volatile read of {@link #closing()} per response.
 */
final class ConnectionTracker {

    /** How often the drain loop looks for connections it may close, at most. */
    private static final long SWEEP_NANOS = 10_000_000;

    private final Map<StreamConnection, TrackedConnection> open = new ConcurrentHashMap<>();
    private final Set<Http2Connection> http2 = ConcurrentHashMap.newKeySet();
    private final Object changed = new Object();
    private volatile boolean closing;
    private volatile long quietNanos;

    /** Tracks a connection the listener just accepted; call before Undertow's open listener. */
    void track(StreamConnection connection) {
        TrackedConnection tracked = new TrackedConnection(this, connection);
        connection.getSourceChannel().setConduit(tracked);
        open.put(connection, tracked);
        // XNIO chains close listeners (Undertow adds its own after this one) and runs this one at
        // once when the connection is closed already.
        connection.setCloseListener(tracked);
    }

    /**
     * Tracks an HTTP/2 connection; call before its first stream is read.
     *
     * @param next the listener's first handler, which every stream's exchange goes on to
     * @return the handler for the connection's streams
     */
    Http2Connection open(Http2Channel channel, HttpHandler next) {
        Http2Connection connection = new Http2Connection(this, channel, next);
        http2.add(connection);
        channel.addCloseTask(connection);
        return connection;
    }

    /** A tracked connection turned out to be HTTP/2 ({@link PriorKnowledge}): it is tracked as such from now on. */
    void untrack(StreamConnection connection) {
        open.remove(connection);
    }

    TrackedConnection lookup(StreamConnection connection) {
        return connection == null ? null : open.get(connection);
    }

    void closed(TrackedConnection connection) {
        open.remove(connection.connection(), connection);
        wakeDrain();
    }

    void closed(Http2Connection connection) {
        http2.remove(connection);
        wakeDrain();
    }

    private void wakeDrain() {
        if (closing) {
            synchronized (changed) {
                changed.notifyAll();
            }
        }
    }

    /** Wakes {@link #drain} when a request ended while closing. */
    void requestEnded() {
        wakeDrain();
    }

    /** @return true once the listener stopped: responses close their connection */
    boolean closing() {
        return closing;
    }

    long quietNanos() {
        return quietNanos;
    }

    /** @return the connections open now */
    int openConnections() {
        return open.size() + http2.size();
    }

    /**
     * Makes the response of {@code exchange} the last one of its connection when the listener is
     * stopping. Call on the thread that sends the response, before the response starts: deciding
     * after the headers went out could close a connection the client was told it may reuse.
     */
    static void lastResponseIfClosing(HttpServerExchange exchange) {
        TrackedConnection connection = TrackedConnection.of(exchange);
        if (connection != null && connection.tracker().closing) {
            exchange.setPersistent(false);
        }
    }

    /** From now on responses close their connection; quiet connections between requests may be closed. */
    void startClosing(long quietNanos) {
        this.quietNanos = quietNanos;
        closing = true;
    }

    /**
     * Starts closing (call after the listener stopped accepting) and waits until every connection is
     * closed and no request runs, or until the deadline.
     *
     * @param quietNanos how long a connection must have been between requests before it is closed
     * @param requestsInProgress requests still running, whatever their connection's state
     * @return true when no request was left unanswered: everything closed before the deadline, or
     *     what is still open then is between requests (closing it loses nothing)
     * @throws InterruptedException when interrupted while waiting
     */
    boolean drain(long deadlineNanos, long quietNanos, IntSupplier requestsInProgress) throws InterruptedException {
        startClosing(quietNanos);
        while (true) {
            long now = System.nanoTime();
            for (TrackedConnection connection : open.values()) {
                if (connection.mayBeIdle(now, quietNanos)) {
                    connection.scheduleCheck();
                }
            }
            http2.forEach(Http2Connection::goAwayWhenIdle);
            if (open.isEmpty() && http2.isEmpty() && requestsInProgress.getAsInt() == 0) {
                return true;
            }
            long left = deadlineNanos - now;
            if (left <= 0) {
                return requestsInProgress.getAsInt() == 0
                        && open.values().stream().allMatch(TrackedConnection::betweenRequests)
                        && http2.stream().allMatch(Http2Connection::idle);
            }
            synchronized (changed) {
                long waitNanos = Math.min(left, SWEEP_NANOS);
                changed.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }
}
