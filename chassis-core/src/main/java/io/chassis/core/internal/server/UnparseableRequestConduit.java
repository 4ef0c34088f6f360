package io.chassis.core.internal.server;

import io.chassis.core.internal.RequestIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Turns Undertow's bare answer to a request it cannot parse into an {@code application/problem+json}
 * one.
 *
 * <p>Undertow's HTTP/1.1 parser answers a malformed request line, bad header syntax or headers over
 * {@code MAX_HEADER_SIZE} by writing a fixed "400, no body, Connection: close" straight to the
 * connection, before any handler runs, so no handler can shape it. This conduit sits at the bottom of
 * every connection and replaces exactly that write; every other write passes through after one length
 * comparison.
 */
final class UnparseableRequestConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    /** What Undertow 2.3's {@code HttpReadListener} writes; an upgrade that changes it fails UnparseableRequestIT. */
    static final byte[] UNDERTOW_BAD_REQUEST =
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);

    static final String DETAIL = "The request line or headers are malformed, or the headers are larger than"
            + " chassis.http.max-header-size allows.";

    private final RequestHeadGuard guard;
    private final Runnable onReject;
    /** The problem response while it is being written; null otherwise. */
    private ByteBuffer replacement;

    /** @param guard the connection's head guard, which may know more precisely what was wrong; or null */
    UnparseableRequestConduit(StreamSinkConduit next, RequestHeadGuard guard, Runnable onReject) {
        super(next);
        this.guard = guard;
        this.onReject = onReject;
    }

    UnparseableRequestConduit(StreamSinkConduit next, Runnable onReject) {
        this(next, null, onReject);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (replacement == null) {
            if (src.remaining() != UNDERTOW_BAD_REQUEST.length || !isUndertowBadRequest(src)) {
                return next.write(src);
            }
            String detail = guard == null || guard.rejection() == null ? DETAIL : guard.rejection();
            replacement = ByteBuffer.wrap(problemResponse(RequestIds.generate(), detail));
            onReject.run();
        }
        next.write(replacement);
        if (replacement.hasRemaining()) {
            return 0; // Undertow waits for the channel to become writable and calls again
        }
        replacement = null;
        int consumed = src.remaining();
        src.position(src.limit());
        return consumed;
    }

    private static boolean isUndertowBadRequest(ByteBuffer src) {
        int start = src.position();
        for (int i = 0; i < UNDERTOW_BAD_REQUEST.length; i++) {
            if (src.get(start + i) != UNDERTOW_BAD_REQUEST[i]) {
                return false;
            }
        }
        return true;
    }

    /** The whole response: status line, headers and a problem document carrying {@code requestId}. */
    static byte[] problemResponse(String requestId) {
        return problemResponse(requestId, DETAIL);
    }

    /** @param detail constant text without quotes or backslashes (it is not JSON-escaped) */
    static byte[] problemResponse(String requestId, String detail) {
        byte[] body = problemBody(requestId, detail);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: " + ProblemWriter.CONTENT_TYPE + "\r\nContent-Length: "
                + body.length + "\r\n" + RequestIds.HEADER + ": " + requestId + "\r\n" + ResponseHygiene.RAW_LINES
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }

    /**
     * @param requestId a validated request id: nothing in it needs JSON escaping
     * @param detail constant text without quotes or backslashes
     */
    static byte[] problemBody(String requestId, String detail) {
        return ("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + detail
                        + "\",\"requestId\":\"" + requestId + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
