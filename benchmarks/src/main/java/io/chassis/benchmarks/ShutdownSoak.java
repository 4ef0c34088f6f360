package io.chassis.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops a real service process with SIGTERM while keep-alive clients load it, round after round, and
 * counts every request sent against every complete response received.
 *
 * <p>Each round starts the packaged service ({@code java -jar}) on an ephemeral port, loads it over
 * {@code connections} keep-alive connections at {@code rate} requests per second in total, sends
 * SIGTERM after a short, randomly varied load phase, and keeps every connection sending until the
 * server has closed it and refuses new ones. One connection writes each request in two parts with a
 * pause between them, so some requests are half received whenever the listener closes.
 *
 * <p>A <b>drop</b> is a request that was written completely on a connection that then ended (end of
 * stream or reset) before its complete response arrived. Before reusing a connection the client checks
 * whether the server has already closed it (a close between requests, which HTTP allows and is not a
 * drop); a well-behaved HTTP client does the same. A 503 must carry {@code Connection: close}; after a
 * response that says {@code close}, the server must close the connection. The process must exit with
 * the expected status (143, the JVM's status after SIGTERM).
 *
 * <p>Usage: {@code ShutdownSoak --jar <service.jar> [--rounds 50] [--connections 16] [--rate 500]
 * [--drain 200ms] [--grace 2s] [--load 400ms] [--path /hello] [--exit 143]}. Exits 1 when any round
 * dropped a request, broke the protocol or exited with another status; prints the totals either way.
 */
public final class ShutdownSoak {

    private static final Pattern HTTP_PORT = Pattern.compile("\"http_port\":(\\d+)");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final Path jar;
    private final int rounds;
    private final int connections;
    private final int rate;
    private final Duration drain;
    private final Duration grace;
    private final Duration load;
    private final String path;
    private final int expectedExit;

    private ShutdownSoak(Args args) {
        this.jar = Path.of(args.value("--jar", null));
        this.rounds = Integer.parseInt(args.value("--rounds", "50"));
        this.connections = Integer.parseInt(args.value("--connections", "16"));
        this.rate = Integer.parseInt(args.value("--rate", "500"));
        this.drain = duration(args.value("--drain", "200ms"));
        this.grace = duration(args.value("--grace", "2s"));
        this.load = duration(args.value("--load", "400ms"));
        this.path = args.value("--path", "/hello");
        this.expectedExit = Integer.parseInt(args.value("--exit", "143"));
    }

    public static void main(String[] argv) throws Exception {
        ShutdownSoak soak = new ShutdownSoak(new Args(argv));
        System.exit(soak.run() ? 0 : 1);
    }

    /** Totals of one round, or of all of them. */
    static final class Counts {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong okClose = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong answeredAfterTerm = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong closedBetween = new AtomicLong();
        final AtomicLong protocolErrors = new AtomicLong();
        final List<String> problems = new CopyOnWriteArrayList<>();

        void add(Counts other) {
            sent.addAndGet(other.sent.get());
            ok.addAndGet(other.ok.get());
            okClose.addAndGet(other.okClose.get());
            refused.addAndGet(other.refused.get());
            answeredAfterTerm.addAndGet(other.answeredAfterTerm.get());
            dropped.addAndGet(other.dropped.get());
            closedBetween.addAndGet(other.closedBetween.get());
            protocolErrors.addAndGet(other.protocolErrors.get());
        }

        long answered() {
            return ok.get() + refused.get();
        }
    }

    private boolean run() throws Exception {
        System.out.printf(
                Locale.ROOT,
                "shutdown soak: %s, %d rounds, %d keep-alive connections, %d req/s, drain %s, grace %s%n",
                jar,
                rounds,
                connections,
                rate,
                drain,
                grace);
        Counts total = new Counts();
        int badExits = 0;
        int failedRounds = 0;
        for (int round = 1; round <= rounds; round++) {
            Counts counts = new Counts();
            RoundResult result = round(counts);
            total.add(counts);
            boolean exitOk = result.exitCode == expectedExit;
            if (!exitOk) {
                badExits++;
            }
            boolean failed = counts.dropped.get() > 0 || counts.protocolErrors.get() > 0 || !exitOk;
            if (failed) {
                failedRounds++;
            }
            System.out.printf(
                    Locale.ROOT,
                    "round %2d: sent %4d, 200 %4d (%2d of them Connection: close), 503 %2d, answered after SIGTERM %3d,"
                            + " dropped %d, protocol errors %d, closed between requests %d, exit %d %d ms after SIGTERM%s%n",
                    round,
                    counts.sent.get(),
                    counts.ok.get(),
                    counts.okClose.get(),
                    counts.refused.get(),
                    counts.answeredAfterTerm.get(),
                    counts.dropped.get(),
                    counts.protocolErrors.get(),
                    counts.closedBetween.get(),
                    result.exitCode,
                    result.stopMillis,
                    failed ? "  <-- FAILED" : "");
            counts.problems.stream().limit(20).forEach(p -> System.out.println("    " + p));
        }
        System.out.printf(
                Locale.ROOT,
                "total: %d rounds, %d requests sent, %d answered (200: %d, 503: %d), %d dropped, %d protocol errors,"
                        + " %d closed between requests, %d rounds with another exit status than %d; %d rounds failed%n",
                rounds,
                total.sent.get(),
                total.answered(),
                total.ok.get(),
                total.refused.get(),
                total.dropped.get(),
                total.protocolErrors.get(),
                total.closedBetween.get(),
                badExits,
                expectedExit,
                failedRounds);
        // the plain closing line CI reads: one round is one test
        System.out.printf(Locale.ROOT, "shutdown-soak: %d passed, %d failed%n", rounds - failedRounds, failedRounds);
        return failedRounds == 0;
    }

    record RoundResult(int exitCode, long stopMillis) {}

    private RoundResult round(Counts counts) throws Exception {
        Service service = Service.start(jar, drain, grace);
        try {
            int port = service.awaitPort();
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) * connections / rate;
            long termAt = System.nanoTime()
                    + load.toNanos()
                    + ThreadLocalRandom.current().nextLong(Math.max(1, intervalNanos));
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Client client = new Client(i, port, path, intervalNanos, i == 0, counts, termAt);
                Thread thread = new Thread(client, "soak-client-" + i);
                thread.setDaemon(true);
                clients.add(client.done);
                thread.start();
            }
            LockSupport.parkNanos(termAt - System.nanoTime());
            long termed = System.nanoTime();
            service.process.toHandle().destroy(); // SIGTERM
            boolean exited =
                    service.process.waitFor(grace.toMillis() + drain.toMillis() + 30_000, TimeUnit.MILLISECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - termed);
            if (!exited) {
                counts.protocolErrors.incrementAndGet();
                counts.problems.add("the service did not exit within 30 s after SIGTERM + drain + grace");
                service.process.destroyForcibly().waitFor();
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            return new RoundResult(service.process.exitValue(), stopMillis);
        } finally {
            service.process.destroyForcibly();
        }
    }

    /** The service process, its stdout read line by line for the port (and then drained). */
    static final class Service {
        final Process process;
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final List<String> head = new CopyOnWriteArrayList<>();

        private Service(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "soak-service-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Service start(Path jar, Duration drain, Duration grace) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-Xshare:auto",
                            "-jar",
                            jar.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().keySet().removeIf(key -> key.startsWith("CHASSIS_"));
            builder.environment().put("CHASSIS_HTTP_PORT", "0");
            builder.environment().put("CHASSIS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("CHASSIS_ADMIN_PORT", "0");
            builder.environment().put("CHASSIS_ADMIN_HOST", "127.0.0.1");
            builder.environment().put("CHASSIS_SHUTDOWN_DRAIN_DELAY", drain.toMillis() + "ms");
            builder.environment().put("CHASSIS_SHUTDOWN_GRACE_PERIOD", grace.toMillis() + "ms");
            return new Service(builder.start());
        }

        int awaitPort() throws Exception {
            try {
                return port.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the service did not start; its first lines: " + head, e);
            }
        }

        private void read() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!port.isDone()) {
                        if (head.size() < 20) {
                            head.add(line);
                        }
                        Matcher m = HTTP_PORT.matcher(line);
                        if (m.find()) {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } finally {
                port.completeExceptionally(new IllegalStateException("stdout closed"));
            }
        }
    }

    /** One keep-alive connection at a time, sending at a fixed pace until the server refuses it. */
    static final class Client implements Runnable {
        private final int id;
        private final int port;
        private final byte[] request;
        private final long intervalNanos;
        private final boolean split;
        private final Counts counts;
        private final long termAt;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);

        Client(int id, int port, String path, long intervalNanos, boolean split, Counts counts, long termAt) {
            this.id = id;
            this.port = port;
            this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: shutdown-soak\r\n"
                            + "Accept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            this.intervalNanos = intervalNanos;
            this.split = split;
            this.counts = counts;
            this.termAt = termAt;
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (Exception e) {
                counts.protocolErrors.incrementAndGet();
                counts.problems.add("connection " + id + ": " + e);
            } finally {
                done.complete(null);
            }
        }

        private void loop() throws Exception {
            long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(intervalNanos);
            SocketChannel channel = null;
            try {
                while (true) {
                    if (channel == null) {
                        channel = connect();
                        if (channel == null) {
                            return; // refused: the listener is closed
                        }
                    }
                    LockSupport.parkNanos(next - System.nanoTime());
                    next = Math.max(next + intervalNanos, System.nanoTime());
                    if (closedByServer(channel)) {
                        counts.closedBetween.incrementAndGet();
                        channel.close();
                        channel = null;
                        continue;
                    }
                    Outcome outcome = exchange(channel);
                    if (outcome != Outcome.KEEP_ALIVE) {
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
                channel.socket().setSoTimeout(READ_TIMEOUT_MILLIS); // a hung server fails the round, not the run
                return channel;
            } catch (ConnectException e) {
                channel.close();
                if (System.nanoTime() < termAt) {
                    throw e; // refused before SIGTERM: the service is not up
                }
                return null;
            }
        }

        /** True when the server closed the idle connection (end of stream) since the last response. */
        private boolean closedByServer(SocketChannel channel) throws IOException {
            channel.configureBlocking(false);
            try {
                in.clear();
                int n = channel.read(in);
                if (n > 0) {
                    counts.protocolErrors.incrementAndGet();
                    counts.problems.add("connection " + id + ": " + n + " unrequested bytes between responses");
                }
                return n < 0;
            } catch (IOException e) {
                return true; // reset while idle: closed between requests, nothing was outstanding
            } finally {
                channel.configureBlocking(true);
            }
        }

        enum Outcome {
            KEEP_ALIVE,
            CLOSE,
            DROPPED
        }

        private Outcome exchange(SocketChannel channel) throws InterruptedException {
            counts.sent.incrementAndGet();
            long began = System.nanoTime();
            try {
                if (split) {
                    int half = request.length / 2;
                    write(channel, ByteBuffer.wrap(request, 0, half));
                    Thread.sleep(2 + ThreadLocalRandom.current().nextInt(8));
                    write(channel, ByteBuffer.wrap(request, half, request.length - half));
                } else {
                    write(channel, ByteBuffer.wrap(request));
                }
            } catch (IOException e) {
                return dropped("write failed: " + e, began);
            }
            Response response;
            try {
                response = Response.read(channel, in);
            } catch (IOException e) {
                return dropped(e.getMessage(), began);
            }
            if (response == null) {
                return dropped("connection closed before the response", began);
            }
            if (began >= termAt) {
                counts.answeredAfterTerm.incrementAndGet();
            }
            boolean close = response.close();
            if (response.status() == 200) {
                counts.ok.incrementAndGet();
                if (close) {
                    counts.okClose.incrementAndGet();
                }
            } else if (response.status() == 503) {
                counts.refused.incrementAndGet();
                if (!close) {
                    protocolError("503 without Connection: close");
                }
            } else {
                protocolError("unexpected status " + response.status());
            }
            if (close && !serverCloses(channel)) {
                protocolError("the server kept the connection open after Connection: close");
            }
            return close ? Outcome.CLOSE : Outcome.KEEP_ALIVE;
        }

        private boolean serverCloses(SocketChannel channel) {
            try {
                return channel.socket().getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        private Outcome dropped(String why, long began) {
            counts.dropped.incrementAndGet();
            counts.problems.add(String.format(
                    Locale.ROOT,
                    "connection %d: request dropped (%s), sent %+d ms from SIGTERM",
                    id,
                    why,
                    TimeUnit.NANOSECONDS.toMillis(began - termAt)));
            return Outcome.DROPPED;
        }

        private void protocolError(String what) {
            counts.protocolErrors.incrementAndGet();
            counts.problems.add("connection " + id + ": " + what);
        }

        private static void write(SocketChannel channel, ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        }
    }

    /** A response read off a blocking channel: status line, headers and a Content-Length body. */
    record Response(int status, boolean close) {

        /** @return the response, or null when the stream ended before any byte of it */
        static Response read(SocketChannel channel, ByteBuffer in) throws IOException {
            InputStream stream = channel.socket().getInputStream();
            byte[] a = in.array();
            int filled = 0;
            int headEnd;
            while ((headEnd = headEnd(a, filled)) < 0) {
                int n = filled == a.length ? -1 : stream.read(a, filled, a.length - filled);
                if (n < 0) {
                    if (filled == 0) {
                        return null;
                    }
                    throw new IOException("connection closed after " + filled + " bytes of the response head");
                }
                filled += n;
            }
            String head = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            long length = -1;
            boolean close = false;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].toLowerCase(Locale.ROOT);
                if (line.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                } else if (line.startsWith("connection:")) {
                    close = line.substring(11).trim().equals("close");
                }
            }
            if (length < 0) {
                throw new IOException("response without Content-Length: " + lines[0]);
            }
            long body = filled - (headEnd + 4);
            while (body < length) {
                int n = stream.read(a, 0, (int) Math.min(a.length, length - body));
                if (n < 0) {
                    throw new IOException("connection closed after " + body + " of " + length + " body bytes");
                }
                body += n;
            }
            if (body > length) {
                throw new IOException("more bytes than the response: pipelining is not in use");
            }
            return new Response(status, close);
        }

        private static int headEnd(byte[] a, int filled) {
            for (int i = 3; i < filled; i++) {
                if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                    return i - 3;
                }
            }
            return -1;
        }
    }

    private static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        throw new IllegalArgumentException("not a duration (use e.g. 200ms or 2s): " + text);
    }

    /** {@code --name value} pairs. */
    static final class Args {
        private final String[] argv;

        Args(String[] argv) {
            this.argv = argv;
        }

        String value(String name, String fallback) {
            for (int i = 0; i + 1 < argv.length; i++) {
                if (argv[i].equals(name)) {
                    return argv[i + 1];
                }
            }
            if (fallback == null) {
                throw new IllegalArgumentException("missing " + name + " <value>");
            }
            return fallback;
        }
    }
}
