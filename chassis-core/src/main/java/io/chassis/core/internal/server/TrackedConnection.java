package io.chassis.core.internal.server;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.Buffers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * One open connection of a listener, as far as closing it safely is concerned: whether a request is
 * in progress, whether bytes of a further request have arrived, and since when it has been quiet.
 *
 * <p>It sits at the bottom of the connection's source (read) side, where it counts the reads that
 * return data: the only per-read cost. {@link RequestLifecycle} marks the start and the end of every
 * request on it (a few plain and release stores). A connection is <em>between requests</em> when no
 * request runs on it and nothing was read since the last one ended.
 *
 * <p>Once the listener stops, {@link #run()} on the connection's IO thread closes it only if it is
 * between requests and has been quiet for the tracker's quiet period, and only after one last
 * non-blocking read found nothing waiting in the socket: bytes found there are kept and handed to
 * Undertow's parser on its next read, so that request is answered (503 + {@code Connection: close})
 * instead of being reset with the close. A connection whose write side Undertow already shut (its
 * last response said {@code Connection: close}) has nothing left to answer and is closed at once.
 */
final class TrackedConnection extends AbstractStreamSourceConduit<StreamSourceConduit>
        implements ChannelListener<StreamConnection>, Runnable {

    /** Where {@link #of} finds the tracked connection of an exchange after its first request. */
    static final AttachmentKey<TrackedConnection> KEY = AttachmentKey.create(TrackedConnection.class);

    private static final VarHandle BUSY;
    private static final VarHandle SCHEDULED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BUSY = lookup.findVarHandle(TrackedConnection.class, "busy", boolean.class);
            SCHEDULED = lookup.findVarHandle(TrackedConnection.class, "scheduled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConnectionTracker tracker;
    private final StreamConnection connection;

    /** Reads that returned data; written where reads happen (the IO thread, or a request's own thread). */
    private int reads;
    /** Bytes the last check before closing found in the socket; served before the socket's own. */
    private ByteBuffer peeked;

    /** A request is between {@link RequestLifecycle#handleRequest} and its completion (release/acquire). */
    @SuppressWarnings("unused") // accessed through BUSY
    private boolean busy;

    // The next three are written when a request ends, before busy turns false (release), and read
    // after busy was seen false (acquire).
    /** {@code reads} when the last request ended. */
    private int readsWhenIdle;
    /** When the last request ended, or the connection opened. */
    private long idleSinceNanos;
    /** Bytes of a further (pipelined) request were already buffered when the last request ended. */
    private boolean pipelined;

    /** A check is queued on the IO thread (CAS), so the drain loop does not queue it twice. */
    @SuppressWarnings("unused") // accessed through SCHEDULED
    private boolean scheduled;

    TrackedConnection(ConnectionTracker tracker, StreamConnection connection) {
        super(connection.getSourceChannel().getConduit());
        this.tracker = tracker;
        this.connection = connection;
        this.idleSinceNanos = System.nanoTime();
    }

    /** @return the tracked connection an exchange arrived on, or null when it is not tracked */
    static TrackedConnection of(HttpServerExchange exchange) {
        return exchange.getConnection().getAttachment(KEY);
    }

    /**
     * Finds the tracked connection of an exchange and remembers it on Undertow's connection: a
     * registry look-up on a connection's first request, an attachment read on every later one.
     */
    static TrackedConnection bind(HttpServerExchange exchange, ConnectionTracker tracker) {
        ServerConnection connection = exchange.getConnection();
        TrackedConnection tracked = connection.getAttachment(KEY);
        if (tracked == null && connection instanceof AbstractServerConnection server) {
            tracked = tracker.lookup(server.getChannel());
            if (tracked != null) {
                connection.putAttachment(KEY, tracked);
            }
        }
        return tracked;
    }

    StreamConnection connection() {
        return connection;
    }

    ConnectionTracker tracker() {
        return tracker;
    }

    /**
     * A request was parsed and reaches the handlers (IO thread, or the worker of a pipelined one).
     * {@code pipelined} stays as it was until this request ends: it only ever errs towards busy.
     */
    void requestStarted() {
        BUSY.setRelease(this, true);
    }

    /**
     * The request's response is complete (any thread).
     *
     * @param nowNanos {@link System#nanoTime()} now
     */
    void requestCompleted(HttpServerExchange exchange, long nowNanos) {
        readsWhenIdle = reads;
        pipelined =
                exchange.getConnection() instanceof AbstractServerConnection server && server.getExtraBytes() != null;
        idleSinceNanos = nowNanos;
        BUSY.setRelease(this, false);
    }

    /**
     * From any thread, a guess: no request runs, none is partly received, none waits in a buffer. The
     * socket itself is not looked at.
     */
    boolean betweenRequests() {
        return !(boolean) BUSY.getAcquire(this) && !pipelined && reads == readsWhenIdle;
    }

    /**
     * A cheap guess from any thread, to avoid queueing checks for connections that are plainly busy;
     * {@link #run()} decides on the IO thread.
     */
    boolean mayBeIdle(long nowNanos, long quietNanos) {
        return !(boolean) BUSY.getAcquire(this)
                && (nowNanos - idleSinceNanos >= quietNanos || connection.isWriteShutdown());
    }

    /** Queues {@link #run()} on the connection's IO thread unless it is queued already. */
    void scheduleCheck() {
        if (SCHEDULED.compareAndSet(this, false, true)) {
            try {
                connection.getIoThread().execute(this);
            } catch (RejectedExecutionException e) {
                SCHEDULED.setVolatile(this, false); // the IO thread is stopping; it closes the connection itself
            }
        }
    }

    /** The check before closing, on the connection's IO thread, where reads happen. */
    @Override
    public void run() {
        SCHEDULED.setVolatile(this, false);
        if (!connection.isOpen() || (boolean) BUSY.getAcquire(this)) {
            return;
        }
        if (connection.isWriteShutdown()) {
            // Undertow sent the last response (Connection: close) and waits up to 10 s for the client
            // to close; nothing more is answered here. Reading what the client sent first keeps the
            // close from turning into a reset, which could discard the response's last bytes.
            discardReadable();
            IoUtils.safeClose(connection);
            return;
        }
        if (pipelined
                || peeked != null
                || reads != readsWhenIdle
                || System.nanoTime() - idleSinceNanos < tracker.quietNanos()) {
            return; // a request runs, is arriving or waits to be parsed; or the client may be about to send
        }
        ByteBuffer probe = ByteBuffer.allocate(4096);
        int n;
        try {
            n = next.read(probe);
        } catch (IOException e) {
            n = -1;
        }
        if (n > 0) {
            probe.flip();
            peeked = probe;
            reads++;
            if (next.isReadResumed()) {
                next.wakeupReads(); // Undertow waits for readiness; the bytes are here, not in the socket
            }
            return;
        }
        // Between requests and nothing arrived: no request is lost by closing now.
        IoUtils.safeClose(connection);
    }

    private void discardReadable() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            for (int i = 0; i < 16 && next.read(sink) > 0; i++) {
                sink.clear();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Close listener: the connection is gone, whoever closed it. */
    @Override
    public void handleEvent(StreamConnection closed) {
        tracker.closed(this);
    }

    // ---- the source conduit: counts reads, serves peeked bytes first ----

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (peeked != null) {
            int n = Buffers.copy(dst, peeked);
            releasePeekedIfDrained();
            return n;
        }
        int n = next.read(dst);
        if (n > 0) {
            reads++;
        }
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        if (peeked != null) {
            long n = Buffers.copy(dsts, offs, len, peeked);
            releasePeekedIfDrained();
            return n;
        }
        long n = next.read(dsts, offs, len);
        if (n > 0) {
            reads++;
        }
        return n;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        if (peeked != null) {
            return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
        }
        long n = next.transferTo(position, count, target);
        if (n > 0) {
            reads++;
        }
        return n;
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        if (peeked != null) {
            return Conduits.transfer(this, count, throughBuffer, target);
        }
        long n = next.transferTo(count, throughBuffer, target);
        if (n > 0 || throughBuffer.hasRemaining()) {
            reads++;
        }
        return n;
    }

    @Override
    public void resumeReads() {
        if (peeked != null) {
            next.wakeupReads(); // readiness would never come for bytes already read
        } else {
            next.resumeReads();
        }
    }

    @Override
    public void awaitReadable() throws IOException {
        if (peeked == null) {
            next.awaitReadable();
        }
    }

    @Override
    public void awaitReadable(long time, TimeUnit timeUnit) throws IOException {
        if (peeked == null) {
            next.awaitReadable(time, timeUnit);
        }
    }

    @Override
    public void terminateReads() throws IOException {
        peeked = null;
        next.terminateReads();
    }

    private void releasePeekedIfDrained() {
        if (!peeked.hasRemaining()) {
            peeked = null;
        }
    }
}
