package io.chassis.core;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Raw-socket HTTP/1.1 clients on keep-alive connections that send {@code GET path} one after the
 * other until the server refuses to connect, counting every request against its response: what a
 * service sees from its callers while it stops.
 *
 * <p>A request written completely on a connection that then ends before its whole response arrived
 * is a <b>drop</b>. Before reusing a connection a client checks whether the server closed it between
 * requests (allowed, and not a drop), as HTTP clients do. A 503 must say {@code Connection: close},
 * and after a response that says {@code close} the server must close the connection. A refused
 * connection ends a client once {@link #stopping()} was called; before that it is a failure.
 */
final class KeepAliveLoad {

    /** What the clients saw, all connections together. */
    record Result(long sent, long ok, long okClose, long refused, long closedBetween, List<String> failures) {

        long answered() {
            return ok + refused;
        }
    }

    private final int port;
    private final byte[] request;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong okClose = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong closedBetween = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> clients = new ArrayList<>();

    private KeepAliveLoad(int port, String path) {
        this.port = port;
        this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Starts the clients; each waits {@code pause} between a response and its next request.
     *
     * @return the running load
     */
    static KeepAliveLoad start(int port, String path, int connections, Duration pause) {
        KeepAliveLoad load = new KeepAliveLoad(port, path);
        for (int i = 0; i < connections; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            int id = i;
            Thread thread = new Thread(
                    () -> {
                        try {
                            load.run(id, pause.toNanos());
                        } catch (Throwable t) {
                            load.failures.add("connection " + id + ": " + t);
                        } finally {
                            done.complete(null);
                        }
                    },
                    "keep-alive-load-" + i);
            thread.setDaemon(true);
            load.clients.add(done);
            thread.start();
        }
        return load;
    }

    /** @return requests sent so far */
    long sent() {
        return sent.get();
    }

    /** From now on a refused connection ends a client instead of failing it. */
    void stopping() {
        stopping.set(true);
    }

    /**
     * Waits for every client to end (the server refused it or went away).
     *
     * @throws java.util.concurrent.TimeoutException when a client is still sending after {@code timeout}
     */
    Result awaitEnd(Duration timeout) throws Exception {
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return new Result(
                sent.get(), ok.get(), okClose.get(), refused.get(), closedBetween.get(), List.copyOf(failures));
    }

    private void run(int id, long pauseNanos) throws IOException {
        SocketChannel channel = null;
        InputStream in = null;
        try {
            while (true) {
                if (channel == null) {
                    channel = connect();
                    if (channel == null) {
                        return;
                    }
                    in = new BufferedInputStream(channel.socket().getInputStream());
                } else {
                    LockSupport.parkNanos(pauseNanos);
                    if (closedByServer(channel, id)) {
                        closedBetween.incrementAndGet();
                        channel.close();
                        channel = null;
                        continue;
                    }
                }
                if (!exchange(channel, in, id)) {
                    channel.close();
                    channel = null;
                }
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            channel.socket().setSoTimeout(30_000); // a hung server fails the test instead of hanging it
            return channel;
        } catch (ConnectException e) {
            channel.close();
            if (!stopping.get()) {
                throw e;
            }
            return null;
        }
    }

    private boolean closedByServer(SocketChannel channel, int id) throws IOException {
        channel.configureBlocking(false);
        try {
            int n = channel.read(ByteBuffer.allocate(1));
            if (n > 0) {
                failures.add("connection " + id + ": bytes nobody asked for between responses");
            }
            return n < 0;
        } catch (IOException e) {
            return true; // reset while idle: nothing was outstanding
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** @return true when the connection may be reused */
    private boolean exchange(SocketChannel channel, InputStream in, int id) {
        sent.incrementAndGet();
        try {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            failures.add("connection " + id + ": request dropped, the write failed: " + e);
            return false;
        }
        RawHttp.Response response;
        try {
            response = readResponse(in);
        } catch (IOException e) {
            failures.add("connection " + id + ": request dropped: " + e.getMessage());
            return false;
        }
        boolean close = "close".equalsIgnoreCase(response.headers().get("connection"));
        if (response.statusLine().startsWith("HTTP/1.1 200")) {
            ok.incrementAndGet();
            if (close) {
                okClose.incrementAndGet();
            }
        } else if (response.statusLine().startsWith("HTTP/1.1 503")) {
            refused.incrementAndGet();
            if (!close) {
                failures.add("connection " + id + ": 503 without Connection: close: " + response);
            }
        } else {
            failures.add("connection " + id + ": unexpected " + response.statusLine());
        }
        if (close && !endsAfterResponse(in)) {
            failures.add("connection " + id + ": still open after Connection: close");
        }
        return !close;
    }

    private static boolean endsAfterResponse(InputStream in) {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads one response with a Content-Length body; throws when the stream ends before it is whole. */
    private static RawHttp.Response readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(
                        head.length() == 0
                                ? "connection closed before the response"
                                : "connection closed inside the response head");
            }
            head.append((char) b);
        }
        RawHttp.Response parsed = RawHttp.parse(head.toString());
        String length = parsed.headers().get("content-length");
        if (length == null) {
            throw new IOException("response without Content-Length: " + parsed.statusLine());
        }
        byte[] body = in.readNBytes(Integer.parseInt(length));
        if (body.length < Integer.parseInt(length)) {
            throw new IOException(
                    String.format(Locale.ROOT, "connection closed after %d of %s body bytes", body.length, length));
        }
        return new RawHttp.Response(parsed.statusLine(), parsed.headers(), new String(body, StandardCharsets.UTF_8));
    }
}
