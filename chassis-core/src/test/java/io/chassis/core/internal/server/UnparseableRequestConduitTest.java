package io.chassis.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/** Slow sockets (partial writes) cannot be produced on loopback, so a socket that takes a few bytes per write stands in. */
class UnparseableRequestConduitTest {

    /** Accepts at most {@code perWrite} bytes per call, like a socket whose send buffer is nearly full. */
    static final class TrickleSink extends AbstractStreamSinkConduit<StreamSinkConduit> {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final int perWrite;

        TrickleSink(int perWrite) {
            super(unused());
            this.perWrite = perWrite;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = Math.min(perWrite, src.remaining());
            for (int i = 0; i < n; i++) {
                written.write(src.get());
            }
            return n;
        }
    }

    /** The bottom of the stack: nothing below the trickle sink is called. */
    static StreamSinkConduit unused() {
        return (StreamSinkConduit) Proxy.newProxyInstance(
                StreamSinkConduit.class.getClassLoader(),
                new Class<?>[] {StreamSinkConduit.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private final AtomicInteger rejected = new AtomicInteger();

    @Test
    void replacesUndertowsBadRequestEvenWhenTheSocketTakesItInPieces() throws Exception {
        TrickleSink sink = new TrickleSink(50);
        UnparseableRequestConduit conduit = new UnparseableRequestConduit(sink, rejected::incrementAndGet);
        ByteBuffer undertows = ByteBuffer.wrap(UnparseableRequestConduit.UNDERTOW_BAD_REQUEST);

        int calls = 0;
        int consumed = 0;
        while (undertows.hasRemaining()) {
            consumed += conduit.write(undertows);
            calls++;
        }

        String response = sink.written.toString(StandardCharsets.US_ASCII);
        assertThat(consumed).isEqualTo(UnparseableRequestConduit.UNDERTOW_BAD_REQUEST.length);
        assertThat(calls).isGreaterThan(1);
        assertThat(response)
                .startsWith("HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\n")
                .contains("Connection: close\r\n\r\n{\"type\":\"about:blank\"");
        assertThat(response).endsWith("\"}");
        assertThat(rejected).hasValue(1);
    }

    @Test
    void passesEveryOtherWriteThroughUntouched() throws Exception {
        TrickleSink sink = new TrickleSink(Integer.MAX_VALUE);
        UnparseableRequestConduit conduit = new UnparseableRequestConduit(sink, rejected::incrementAndGet);
        byte[] sameLength = UnparseableRequestConduit.UNDERTOW_BAD_REQUEST.clone();
        sameLength[9] = '2'; // "HTTP/1.1 200 ..." of exactly the same length

        conduit.write(ByteBuffer.wrap(sameLength));
        conduit.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII)));

        assertThat(sink.written.toByteArray())
                .isEqualTo((new String(sameLength, StandardCharsets.US_ASCII) + "HTTP/1.1 200 OK\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(rejected).hasValue(0);
    }

    @Test
    void problemResponseDeclaresItsOwnBodyLength() {
        String response = new String(UnparseableRequestConduit.problemResponse("00ff"), StandardCharsets.US_ASCII);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);

        assertThat(response).contains("Content-Length: " + body.length() + "\r\n", "X-Request-Id: 00ff\r\n");
        assertThat(body).contains("\"requestId\":\"00ff\"");
    }
}
