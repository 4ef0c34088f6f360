package io.chassis.core.internal.server;

import io.chassis.core.internal.metrics.UndertowMetrics;
import io.chassis.core.spi.ServerTls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.SslClientAuthMode;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The sockets of the application and admin listeners (the handlers behind them come from {@link
 * HandlerStacks}). They share one XNIO worker and buffer pool that this class owns, so that closing
 * a listener (refusing new connections) does not cut connections still in flight. Listeners are
 * Undertow's HTTP/1.1 open listener on an XNIO server socket, set up the way {@code Undertow.start()}
 * does, plus the chassis' own connection layer: a {@link RequestHeadGuard}, an {@link
 * UnparseableRequestConduit} and a {@link TrackedConnection} under every connection (so that {@link
 * #shutdown} closes connections only between requests) and {@link RequestFraming} above it.
 *
 * <p>With {@code tls.enabled} a listener accepts through {@code UndertowXnioSsl}: the same layer sits
 * above TLS (it sees plaintext). With HTTP/2 on, Undertow's {@code AlpnOpenListener} picks the protocol
 * during the handshake; the layer goes on only for HTTP/1.1 connections ({@link GuardedHttp1}), as its
 * HTTP/1.1 parsing would misread HTTP/2 frames.
 */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger("io.chassis.core.http");
    /** What requests in progress on the admin port get once the application listener is done. */
    private static final Duration ADMIN_GRACE = Duration.ofSeconds(1);

    private final XnioWorker worker;
    private final ByteBufferPool buffers;
    private final ExecutorService virtualThreads;
    private final IoThreadWatch ioThreadWatch;
    private final RequestLifecycle appLifecycle;
    private final RequestLifecycle adminLifecycle;
    private final AcceptingChannel<? extends StreamConnection> app;
    private final AcceptingChannel<? extends StreamConnection> admin;
    private final int port;
    private final int adminPort;

    private HttpServer(
            XnioWorker worker,
            ByteBufferPool buffers,
            ExecutorService vt,
            HandlerStacks stacks,
            AcceptingChannel<? extends StreamConnection> app,
            AcceptingChannel<? extends StreamConnection> admin) {
        this.worker = worker;
        this.buffers = buffers;
        this.virtualThreads = vt;
        this.ioThreadWatch = stacks.ioThreadWatch();
        this.appLifecycle = stacks.app();
        this.adminLifecycle = stacks.admin();
        this.app = app;
        this.admin = admin;
        this.port = port(app);
        this.adminPort = admin == null ? -1 : port(admin);
    }

    /**
     * Opens the listeners over the handler stacks.
     *
     * @param registry the service's meters; null when metrics are off
     * @throws IOException when the worker cannot be created or a port cannot be bound
     */
    public static HttpServer start(
            HttpSettings http,
            AdminSettings adminSettings,
            HandlerStacks stacks,
            MeterRegistry registry,
            ServerTls appTls,
            ServerTls adminTls)
            throws IOException {
        int ioThreads = http.ioThreads() > 0
                ? http.ioThreads()
                : Math.max(Runtime.getRuntime().availableProcessors(), 2);
        int workerThreads = http.workerThreads() > 0 ? http.workerThreads() : ioThreads * 8;
        XnioWorker worker = Xnio.getInstance(Undertow.class.getClassLoader())
                .createWorker(OptionMap.builder()
                        .set(Options.WORKER_NAME, "chassis")
                        .set(Options.WORKER_IO_THREADS, ioThreads)
                        .set(Options.WORKER_TASK_CORE_THREADS, workerThreads)
                        .set(Options.WORKER_TASK_MAX_THREADS, workerThreads)
                        .set(Options.TCP_NODELAY, true)
                        .set(Options.CORK, true)
                        .getMap());
        ByteBufferPool buffers = bufferPool(stacks.virtualThreads() != null);
        AcceptingChannel<? extends StreamConnection> app = null;
        try {
            Counter unparseable = registry != null
                    ? Counter.builder("http.server.requests.unparseable")
                            .description("Requests whose request line or headers could not be parsed"
                                    + " or were over the size limit; answered 400 and closed")
                            .register(registry)
                    : null;
            app = listen(worker, buffers, http, http.host(), http.port(), stacks.app(), appTls, http.http2(), () -> {
                if (unparseable != null) {
                    unparseable.increment();
                }
            });
            AcceptingChannel<? extends StreamConnection> adminServer = null;
            if (adminSettings.enabled()) {
                adminServer = listen(
                        worker,
                        buffers,
                        http,
                        adminSettings.host(),
                        adminSettings.port(),
                        stacks.admin(),
                        adminTls,
                        null,
                        () -> {});
            }
            if (registry != null) {
                new UndertowMetrics(worker.getMXBean()).bindTo(registry);
                connectionsGauge(registry, stacks.app(), "app");
                if (adminServer != null) {
                    connectionsGauge(registry, stacks.admin(), "admin");
                }
            }
            return new HttpServer(worker, buffers, stacks.virtualThreads(), stacks, app, adminServer);
        } catch (IOException | RuntimeException e) {
            IoUtils.safeClose(app);
            worker.shutdownNow();
            buffers.close();
            if (stacks.virtualThreads() != null) {
                stacks.virtualThreads().shutdownNow();
            }
            stacks.ioThreadWatch().close();
            throw e;
        }
    }

    private static void connectionsGauge(MeterRegistry registry, RequestLifecycle listener, String name) {
        Gauge.builder("http.server.connections", listener, RequestLifecycle::openConnections)
                .description("Open connections of the listener, HTTP/1.1 and HTTP/2")
                .tag("listener", name)
                .register(registry);
    }

    /**
     * Sized the way {@code Undertow.start()} sizes its own: 16 KiB direct buffers unless the heap is
     * small. Each thread keeps up to four released buffers for itself, which saves the shared queue on
     * IO and worker threads; a virtual thread lives for one request, so its cache would leave each
     * buffer it held to the garbage collector and the pool would allocate new direct memory instead.
     * With virtual threads every buffer goes back to the shared queue.
     */
    private static ByteBufferPool bufferPool(boolean virtualThreads) {
        // Undertow's own -1 means "keep none in the shared queue": every buffer that is not in a
        // thread's cache is freed at once, and the next one allocated anew.
        int shared = virtualThreads ? 256 : -1;
        int threadCache = virtualThreads ? 0 : 4;
        long maxMemory = Runtime.getRuntime().maxMemory();
        if (maxMemory < 64 * 1024 * 1024) {
            return new DefaultByteBufferPool(false, 512, shared, threadCache);
        } else if (maxMemory < 128 * 1024 * 1024) {
            return new DefaultByteBufferPool(true, 1024, shared, threadCache);
        }
        return new DefaultByteBufferPool(true, 1024 * 16 - 20, shared, threadCache);
    }

    private static AcceptingChannel<? extends StreamConnection> listen(
            XnioWorker worker,
            ByteBufferPool buffers,
            HttpSettings http,
            String host,
            int port,
            RequestLifecycle root,
            ServerTls tls,
            HttpSettings.Http2 http2,
            Runnable onUnparseable)
            throws IOException {
        OptionMap serverOptions = OptionMap.builder()
                .set(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                // Off (0): Dispatcher enforces max-body-size with a 413 problem, and every body it does
                // not read closes the connection. Undertow's check answers nothing (the client saw a
                // reset) and counts a chunked body's framing bytes as body.
                .set(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                .set(UndertowOptions.MAX_HEADER_SIZE, (int) http.maxHeaderSize().toBytes())
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        http.requestParseTimeout().toMillis())
                .set(UndertowOptions.IDLE_TIMEOUT, (int) http.idleTimeout().toMillis())
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        http.noRequestTimeout().toMillis())
                .getMap();
        HttpOpenListener open = new HttpOpenListener(buffers, serverOptions);
        RequestFraming framing = new RequestFraming(root, onUnparseable);
        open.setRootHandler(framing);
        Function<StreamConnection, RequestHeadGuard> http1Layer = c -> guard(c, framing, root, onUnparseable);
        ChannelListener<StreamConnection> guarded = connection -> {
            http1Layer.apply(connection);
            open.handleEvent(connection);
        };
        OptionMap.Builder socket = OptionMap.builder()
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BALANCING_TOKENS, 1)
                .set(Options.BALANCING_CONNECTIONS, 2)
                .set(Options.BACKLOG, 1000);
        InetSocketAddress address = new InetSocketAddress(host, port);
        AcceptingChannel<? extends StreamConnection> server;
        if (tls == null || !tls.enabled()) {
            ChannelListener<StreamConnection> accepted = guarded;
            if (http2 != null && http2.h2c()) {
                accepted = new PriorKnowledge(
                        buffers,
                        http1Layer,
                        root.connections(),
                        open,
                        new Http2Opener(buffers, serverOptions, root.connections(), "h2c", framing),
                        http.requestParseTimeout().toMillis());
            }
            server = worker.createStreamConnectionServer(
                    address, ChannelListeners.openListenerAdapter(accepted), socket.getMap());
        } else {
            socket.set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(tls.protocols()))
                    .set(Options.SSL_CLIENT_AUTH_MODE, clientAuth(tls.clientAuth()));
            if (!tls.cipherSuites().isEmpty()) {
                socket.set(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(tls.cipherSuites()));
            }
            ChannelListener<StreamConnection> accepted = guarded;
            if (http2 != null && http2.enabled()) {
                // ALPN picks the protocol during the handshake; the HTTP/1.1 connection layer goes on
                // only once it is known to be HTTP/1.1 (its bytes would be misread in HTTP/2 frames).
                AlpnOpenListener alpn =
                        new AlpnOpenListener(buffers, serverOptions, new GuardedHttp1(open, http1Layer));
                alpn.addProtocol(
                        Http2OpenListener.HTTP2,
                        new Http2Opener(buffers, serverOptions, root.connections(), Http2OpenListener.HTTP2, framing),
                        10);
                alpn.setRootHandler(framing);
                accepted = alpn;
            }
            UndertowXnioSsl ssl = new UndertowXnioSsl(worker.getXnio(), OptionMap.EMPTY, tls.sslContext());
            server = ssl.createSslConnectionServer(
                    worker, address, ChannelListeners.openListenerAdapter(accepted), socket.getMap());
        }
        server.resumeAccepts();
        return server;
    }

    /** Puts the chassis' HTTP/1.1 connection layer under a new connection (see the class description). */
    private static RequestHeadGuard guard(
            StreamConnection connection, RequestFraming framing, RequestLifecycle root, Runnable onUnparseable) {
        ConduitStreamSourceChannel source = connection.getSourceChannel();
        RequestHeadGuard head = new RequestHeadGuard(source.getConduit());
        source.setConduit(head);
        framing.opened(connection, head);
        ConduitStreamSinkChannel sink = connection.getSinkChannel();
        sink.setConduit(new UnparseableRequestConduit(sink.getConduit(), head, () -> {
            onUnparseable.run();
            log.debug("Unparseable request from {} answered 400", connection.getPeerAddress());
        }));
        root.track(connection); // before Undertow's conduits, at the bottom of the read side
        return head;
    }

    private static SslClientAuthMode clientAuth(ServerTls.ClientAuth auth) {
        return switch (auth) {
            case NONE -> SslClientAuthMode.NOT_REQUESTED;
            case OPTIONAL -> SslClientAuthMode.REQUESTED;
            case REQUIRED -> SslClientAuthMode.REQUIRED;
        };
    }

    /** @return the bound application port (still known after shutdown) */
    public int port() {
        return port;
    }

    /** @return the bound admin port, or -1 when the admin listener is disabled */
    public int adminPort() {
        return adminPort;
    }

    private static int port(AcceptingChannel<? extends StreamConnection> server) {
        return server.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /**
     * Stops the application listener, then the admin listener, without dropping a request: each
     * stops accepting connections, then every response says {@code Connection: close}, a request that
     * arrives on a kept-alive connection is answered 503 + {@code Connection: close}, and a connection
     * is closed only between requests (by its last response, or once it has been quiet for {@code
     * closeIdleAfter}). Requests in progress and requests partly received get until {@code grace} is
     * over; whatever is still open then is cut.
     *
     * @param grace time for the application listener's requests and connections to finish
     * @param closeIdleAfter how long a connection must have been between requests before it is closed
     * @return true when every request finished and every connection closed within the grace period
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean shutdown(Duration grace, Duration closeIdleAfter) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        boolean drained = false;
        try {
            // Accept channel first: a response that tells a client to reconnect must find the port closed.
            IoUtils.safeClose(app);
            drained = appLifecycle.drain(deadline, closeIdleAfter);
            if (!drained) {
                log.warn(
                        "In-flight requests did not finish within chassis.shutdown.grace-period={} ({} requests in"
                                + " progress, {} connections open); they are cut",
                        grace,
                        appLifecycle.requestsInProgress(),
                        appLifecycle.openConnections());
            }
            IoUtils.safeClose(admin);
            // Probes and scrapes in progress may finish; the admin port has no drain of its own.
            adminLifecycle.drain(Math.max(deadline, System.nanoTime() + ADMIN_GRACE.toNanos()), Duration.ZERO);
        } finally {
            if (drained) {
                worker.shutdown();
                if (!worker.awaitTermination(1, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                }
            } else {
                worker.shutdownNow();
            }
            worker.awaitTermination(1, TimeUnit.SECONDS);
            buffers.close();
            if (virtualThreads != null) {
                virtualThreads.shutdownNow();
            }
            ioThreadWatch.close();
        }
        return drained;
    }
}
