package io.chassis.core.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The check before a stopping listener closes a connection, on a real XNIO connection that nothing
 * reads from: what arrived in the socket while the IO thread was busy elsewhere (the stall of issue
 * #10) must survive the close check, and reach whoever reads next.
 */
class TrackedConnectionTest {

    private static final byte[] REQUEST = "GET /ok HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private XnioWorker worker;
    private AcceptingChannel<StreamConnection> server;
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final CompletableFuture<StreamConnection> accepted = new CompletableFuture<>();
    private Socket client;
    private StreamConnection connection;
    private TrackedConnection tracked;

    @BeforeEach
    void connect() throws Exception {
        worker = Xnio.getInstance(TrackedConnectionTest.class.getClassLoader())
                .createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
        server = worker.createStreamConnectionServer(
                new InetSocketAddress("127.0.0.1", 0),
                ChannelListeners.openListenerAdapter(c -> {
                    tracker.track(c);
                    accepted.complete(c);
                }),
                OptionMap.EMPTY);
        server.resumeAccepts();
        client = new Socket(
                "127.0.0.1", server.getLocalAddress(InetSocketAddress.class).getPort());
        client.setSoTimeout(10_000);
        connection = accepted.get(10, TimeUnit.SECONDS);
        tracked = tracker.lookup(connection);
        assertThat(tracked).isNotNull();
    }

    @AfterEach
    void close() throws Exception {
        IoUtils.safeClose(client, server);
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aQuietConnectionWithNothingInTheSocketIsClosedAndForgotten() throws Exception {
        tracker.startClosing(0);

        onIoThread(() -> {
            tracked.run();
            return null;
        });

        assertThat(connection.isOpen()).isFalse();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.openConnections() == 0);
    }

    @Test
    void bytesWaitingInTheSocketKeepTheConnectionOpenAndAreReadNext() throws Exception {
        client.getOutputStream().write(REQUEST); // nothing on the server reads: it stays in the socket
        client.getOutputStream().flush();
        tracker.startClosing(0);

        onIoThread(() -> {
            tracked.run();
            return null;
        });
        ByteBuffer read = ByteBuffer.allocate(1024);
        int n = onIoThread(() -> connection.getSourceChannel().read(read));

        assertThat(connection.isOpen()).isTrue();
        assertThat(new String(read.array(), 0, n, StandardCharsets.US_ASCII))
                .isEqualTo(new String(REQUEST, StandardCharsets.US_ASCII));
    }

    @Test
    void aReaderThatResumesReadsIsToldOfBytesTheCheckAlreadyRead() throws Exception {
        client.getOutputStream().write(REQUEST);
        client.getOutputStream().flush();
        tracker.startClosing(0);
        onIoThread(() -> {
            tracked.run();
            return null;
        });
        CountDownLatch readable = new CountDownLatch(1);

        onIoThread(() -> {
            connection.getSourceChannel().setReadListener(channel -> {
                channel.suspendReads();
                readable.countDown();
            });
            connection.getSourceChannel().resumeReads(); // the socket itself has nothing more to say
            return null;
        });

        assertThat(readable.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aConnectionWithARequestInProgressIsNotClosed() throws Exception {
        tracked.requestStarted();
        tracker.startClosing(0);

        onIoThread(() -> {
            tracked.run();
            return null;
        });

        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void aConnectionQuietForLessThanTheQuietPeriodIsNotClosed() throws Exception {
        tracker.startClosing(TimeUnit.HOURS.toNanos(1));

        onIoThread(() -> {
            tracked.run();
            return null;
        });

        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void aConnectionWhoseLastResponseWentOutIsClosedWithoutWaitingForTheQuietPeriod() throws Exception {
        tracker.startClosing(TimeUnit.HOURS.toNanos(1));
        onIoThread(() -> {
            connection.getSinkChannel().shutdownWrites(); // what Undertow does after Connection: close
            return connection.getSinkChannel().flush();
        });
        assertThat(client.getInputStream().read()).isEqualTo(-1); // the client saw the end, and stays

        assertThat(tracked.mayBeIdle(System.nanoTime(), TimeUnit.HOURS.toNanos(1)))
                .isTrue();
        onIoThread(() -> {
            tracked.run();
            return null;
        });

        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aConnectionWithPartOfARequestReadIsNotClosed() throws Exception {
        client.getOutputStream().write(REQUEST, 0, 10); // half of the request line
        client.getOutputStream().flush();
        ByteBuffer part = ByteBuffer.allocate(1024);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            onIoThread(() -> connection.getSourceChannel().read(part));
            return part.position() == 10;
        });
        tracker.startClosing(0);

        onIoThread(() -> {
            tracked.run();
            return null;
        });

        assertThat(connection.isOpen()).isTrue();
    }

    /** Runs on the connection's IO thread, where reads and the close check happen, and waits for it. */
    private <T> T onIoThread(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        connection.getIoThread().execute(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
