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

    private final Runnable onReject;
    /** The problem response while it is being written; null otherwise. */
    private ByteBuffer replacement;

    UnparseableRequestConduit(StreamSinkConduit next, Runnable onReject) {
        super(next);
        this.onReject = onReject;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (replacement == null) {
            if (src.remaining() != UNDERTOW_BAD_REQUEST.length || !isUndertowBadRequest(src)) {
                return next.write(src);
            }
            replacement = ByteBuffer.wrap(problemResponse(RequestIds.generate()));
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
        // requestId is generated hex: nothing in it needs JSON or header escaping
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + DETAIL
                        + "\",\"requestId\":\"" + requestId + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: " + ProblemWriter.CONTENT_TYPE + "\r\nContent-Length: "
                + body.length + "\r\n" + RequestIds.HEADER + ": " + requestId + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }
}
