package io.chassis.core.internal.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Refuses obsolete line folding (RFC 9112 §5.2): a header line that starts with a space or a tab,
 * which Undertow's parser would quietly join to the line before it (a proxy in front may read the
 * same bytes as two headers). Sits at the bottom of every connection, under Undertow, and watches
 * the bytes of each request head (request line and headers, up to the blank line) as they are read;
 * it never looks at a body.
 *
 * <p>On a folded line it overwrites the leading space with a control byte, which makes Undertow's
 * parser refuse the request the way it refuses any malformed header: no handler runs, and {@link
 * UnparseableRequestConduit} answers with a problem carrying {@link #rejection()} as its detail. The
 * scan is one comparison per head byte and allocates nothing.
 *
 * <p>One instance per connection, used by one thread at a time: the connection's IO thread, which
 * parses heads, runs {@link RequestFraming} and reads bodies.
 */
final class RequestHeadGuard extends AbstractStreamSourceConduit<StreamSourceConduit> {

    static final String OBS_FOLD = "A header line starts with a space or tab (obsolete line folding, RFC 9112"
            + " section 5.2). Send each header on one line.";

    /** Where {@link RequestFraming} keeps a connection's guard once the connection had a request. */
    static final AttachmentKey<RequestHeadGuard> KEY = AttachmentKey.create(RequestHeadGuard.class);

    /** A byte no header line may start with: Undertow's parser refuses it. */
    private static final byte REFUSED = 0x01;

    /** True while the bytes read belong to a request head; false from its blank line on. */
    private boolean inHead = true;
    /** The head has a non-empty line (the request line): a blank line now ends it. */
    private boolean lineSeen;
    /** The next byte starts a line. */
    private boolean lineStart = true;
    /** Bytes of the current line, CR not counted. */
    private int lineLength;

    private volatile String rejection;

    RequestHeadGuard(StreamSourceConduit next) {
        super(next);
    }

    /** @return why this connection's request was refused, or null when it was not refused here */
    String rejection() {
        return rejection;
    }

    /**
     * A request's head was parsed and it has a body: what is read from now on is that body. Called for
     * every such request, so that a body is never scanned even if a head ended where this guard did not
     * see it end.
     */
    void headParsed() {
        inHead = false;
    }

    /**
     * The request is read to its end (it had no body, or its body was read): what the connection reads
     * next is the next request's head, starting with the bytes Undertow already read past this request
     * (pipelined requests).
     *
     * @param extra those bytes, or null
     */
    void nextRequest(PooledByteBuffer extra) {
        inHead = true;
        lineSeen = false;
        lineStart = true;
        lineLength = 0;
        if (extra != null) {
            ByteBuffer buffer = extra.getBuffer();
            scan(buffer, buffer.position(), buffer.limit());
        }
    }

    /** The body of {@code exchange} was read to its end. */
    static void bodyRead(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        RequestHeadGuard guard = connection.getAttachment(KEY);
        if (guard != null) {
            guard.nextRequest(connection instanceof AbstractServerConnection c ? c.getExtraBytes() : null);
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        int read = next.read(dst);
        if (read > 0 && inHead) {
            scan(dst, start, start + read);
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        if (!inHead) {
            return next.read(dsts, offs, len);
        }
        int[] starts = new int[len]; // only while a head is read into several buffers at once: never by Undertow
        for (int i = 0; i < len; i++) {
            starts[i] = dsts[offs + i].position();
        }
        long read = next.read(dsts, offs, len);
        for (int i = 0; i < len && read > 0 && inHead; i++) {
            ByteBuffer dst = dsts[offs + i];
            scan(dst, starts[i], dst.position());
        }
        return read;
    }

    /** Looks at bytes {@code from} to {@code to} of {@code buffer} (absolute, position untouched). */
    private void scan(ByteBuffer buffer, int from, int to) {
        for (int i = from; i < to && inHead; i++) {
            byte b = buffer.get(i);
            if (b == '\n') {
                if (lineLength > 0) {
                    lineSeen = true;
                } else if (lineSeen) {
                    inHead = false; // the blank line: the body (or the next request) follows
                }
                lineLength = 0;
                lineStart = true;
            } else if (b != '\r') {
                if (lineStart && lineSeen && (b == ' ' || b == '\t')) {
                    rejection = OBS_FOLD;
                    buffer.put(i, REFUSED);
                    inHead = false; // Undertow refuses the request and closes the connection
                    return;
                }
                lineStart = false;
                lineLength++;
            }
        }
    }
}
