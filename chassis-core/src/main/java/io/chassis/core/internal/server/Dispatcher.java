package io.chassis.core.internal.server;

import io.chassis.core.http.Handler;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Owns what happens between routing and the handler on one listener: the bounded body read on the
 * IO thread and the choice of thread: the IO thread for handlers marked non-blocking, the worker pool
 * (or virtual threads) for handlers marked blocking, and for the others what {@link LearnedDispatch}
 * learned from their first calls.
 *
 * <p>The body is read by a {@link BodyRead} of its own rather than Undertow's receiver, so that every
 * way a body can fail has one answer: over {@code max-body-size} (announced by Content-Length or found
 * while reading a chunked body) is 413, not received within {@code request-body-timeout} (counted
 * from the end of the headers, so a client trickling one byte at a time cannot hold a slot of {@code
 * max-concurrent-requests} for longer) is 408, unreadable is 400; each closes the connection, since
 * the rest of the body is still on its way. {@code Expect: 100-continue} is answered once the size
 * check passed.
 */
final class Dispatcher {

    private static final byte[] NO_BODY = new byte[0];
    /** Room a chunked body starts with; it doubles up to the limit. */
    private static final int INITIAL_CHUNKED_CAPACITY = 4096;

    private final Pipeline pipeline;
    private final ProblemWriter problems;
    private final Executor executor;
    private final HttpSettings.Dispatch learning;
    private final IoThreadWatch watch;
    private final int maxBodySize;
    private final long bodyTimeoutNanos;
    private final String tooLarge;
    private final String timedOut;

    /**
     * @param executor where blocking handlers run; null for Undertow's worker pool
     * @param learning how unmarked handlers are dispatched; null to dispatch them all to the worker pool
     * @param watch watches learned routes on the IO threads; null when {@code learning} is null
     * @param maxBodySize at most {@code Integer.MAX_VALUE - 8} (HttpSettings checks it): a body is one array
     */
    Dispatcher(
            Pipeline pipeline,
            ProblemWriter problems,
            Executor executor,
            HttpSettings.Dispatch learning,
            IoThreadWatch watch,
            long maxBodySize,
            Duration bodyTimeout) {
        this.pipeline = pipeline;
        this.problems = problems;
        this.executor = executor;
        this.learning = learning != null && learning.adaptive() ? learning : null;
        this.watch = watch;
        this.maxBodySize = (int) maxBodySize;
        this.bodyTimeoutNanos = bodyTimeout.toNanos();
        this.tooLarge = "The request body exceeds the limit of " + maxBodySize + " bytes.";
        this.timedOut = "The request body was not received within " + bodyTimeout.toMillis()
                + " ms (chassis.http.request-body-timeout).";
    }

    /**
     * @param name method and template, for the log
     * @return the Undertow handler of one route
     */
    HttpHandler route(String name, Handler handler) {
        return new Route(name, handler);
    }

    final class Route implements HttpHandler {

        private final Handler handler;
        /** Marked non-blocking: always on the IO thread. */
        private final boolean ioThread;
        /** Neither marked nor dispatched by configuration: learned; else null. */
        private final LearnedDispatch learned;

        private final HttpHandler invokeWithoutBody;
        private final HttpHandler learnWithoutBody;

        Route(String name, Handler handler) {
            this.handler = handler;
            this.ioThread = handler instanceof Handler.NonBlocking;
            this.learned = ioThread || handler instanceof Handler.Blocking || learning == null
                    ? null
                    : new LearnedDispatch(
                            name,
                            learning.learningCalls(),
                            learning.ioThreadBudget().toNanos());
            this.invokeWithoutBody = exchange -> pipeline.invoke(exchange, handler, NO_BODY);
            this.learnWithoutBody = exchange -> pipeline.invoke(exchange, handler, NO_BODY, learned);
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) {
            long length = exchange.getRequestContentLength();
            if (length == 0 || (length < 0 && !exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING))) {
                afterBody(exchange, NO_BODY);
                return;
            }
            if (length > maxBodySize) {
                // At once, before a 100 Continue, so a client that asked first never sends the body.
                reject(exchange, 413, "Content Too Large", tooLarge);
                return;
            }
            BodyRead read = new BodyRead(this, exchange, (int) length);
            if (HttpContinue.requiresContinueResponse(exchange)) {
                HttpContinue.sendContinueResponse(exchange, read);
            } else {
                read.start();
            }
        }

        void afterBody(HttpServerExchange exchange, byte[] body) {
            if (ioThread || !exchange.isInIoThread()) {
                pipeline.invoke(exchange, handler, body);
                return;
            }
            if (learned != null) {
                LearnedDispatch.Where where = learned.where();
                if (where == LearnedDispatch.Where.IO_THREAD) {
                    IoThreadWatch.Slot slot = watch.enter(learned);
                    try {
                        pipeline.invoke(exchange, handler, body);
                    } finally {
                        watch.exit(slot);
                    }
                    return;
                }
                if (where == LearnedDispatch.Where.LEARNING && learned.startObserving()) {
                    // on Undertow's worker pool even with virtual threads: the probe reads platform threads
                    exchange.dispatch(
                            body == NO_BODY ? learnWithoutBody : ex -> pipeline.invoke(ex, handler, body, learned));
                    return;
                }
            }
            // Requests without a body (most GETs) share one dispatch task instead of a lambda each.
            HttpHandler task = body == NO_BODY ? invokeWithoutBody : ex -> pipeline.invoke(ex, handler, body);
            if (executor == null) {
                exchange.dispatch(task);
            } else {
                exchange.dispatch(executor, task);
            }
        }
    }

    /**
     * Answers a request whose body is not read (any more) and closes the connection after the answer:
     * the rest of the body may still be on its way, and it must not be taken for the next request.
     */
    private void reject(HttpServerExchange exchange, int status, String title, String detail) {
        exchange.setPersistent(false);
        problems.send(exchange, status, title, detail);
    }

    /**
     * Reads one request body into one array: as big as Content-Length says, or growing up to the
     * limit for a chunked body. The first read happens in the handler call; when the body is not all
     * there yet, it goes on in a read listener on the IO thread, against a timer that ends at the
     * request's start plus {@code request-body-timeout}.
     */
    private final class BodyRead implements ChannelListener<StreamSourceChannel>, Runnable, IoCallback {

        private final Route route;
        private final HttpServerExchange exchange;
        /** Content-Length, or -1 for a chunked body. */
        private final int length;

        private byte[] body;
        private ByteBuffer window;
        private StreamSourceChannel channel;
        private XnioExecutor.Key timer;
        private boolean done;

        BodyRead(Route route, HttpServerExchange exchange, int length) {
            this.route = route;
            this.exchange = exchange;
            this.length = length;
            this.body = new byte[length >= 0 ? length : Math.min(INITIAL_CHUNKED_CAPACITY, maxBodySize + 1)];
            this.window = ByteBuffer.wrap(body);
        }

        void start() {
            channel = exchange.getRequestChannel();
            if (channel == null) {
                // someone else took the request channel: nothing left to read for us
                reject(exchange, 400, "Bad Request", "The request body could not be read.");
                return;
            }
            if (readAvailable()) {
                route.afterBody(exchange, result());
            }
        }

        /** @return true when the whole body is in; false when it goes on later or the request was answered */
        private boolean readAvailable() {
            try {
                while (true) {
                    if (!window.hasRemaining()) {
                        if (length >= 0) {
                            return finish();
                        }
                        if (window.position() > maxBodySize) {
                            return fail(413, "Content Too Large", tooLarge);
                        }
                        grow();
                    }
                    int read = channel.read(window);
                    if (read == -1) {
                        if (length >= 0) {
                            // the client closed before sending Content-Length bytes
                            return fail(400, "Bad Request", "The request body ended before its Content-Length.");
                        }
                        return finish();
                    }
                    if (read == 0) {
                        waitForMore();
                        return false;
                    }
                }
            } catch (IOException e) {
                return fail(400, "Bad Request", "The request body could not be read.");
            }
        }

        /** Doubles the room of a chunked body, up to one byte more than the limit (that byte means 413). */
        private void grow() {
            int capacity = (int) Math.min((long) body.length * 2, (long) maxBodySize + 1);
            int position = window.position();
            body = Arrays.copyOf(body, capacity);
            window = ByteBuffer.wrap(body);
            window.position(position);
        }

        private void waitForMore() {
            if (timer == null) {
                long started = exchange.getRequestStartTime();
                long left = started > 0 ? bodyTimeoutNanos - (System.nanoTime() - started) : bodyTimeoutNanos;
                timer = exchange.getIoThread().executeAfter(this, Math.max(left, 0), TimeUnit.NANOSECONDS);
                channel.getReadSetter().set(this);
            }
            channel.resumeReads();
        }

        private byte[] result() {
            return length >= 0 || window.position() == body.length ? body : Arrays.copyOf(body, window.position());
        }

        private boolean finish() {
            stop();
            RequestHeadGuard.bodyRead(exchange); // what follows on the connection is the next request
            return true;
        }

        private boolean fail(int status, String title, String detail) {
            stop();
            if (timer == null) {
                reject(exchange, status, title, detail); // still in the handler call
            } else {
                Connectors.executeRootHandler(ex -> reject(ex, status, title, detail), exchange);
            }
            return false;
        }

        private void stop() {
            done = true;
            if (timer != null) {
                timer.remove();
                channel.getReadSetter().set(null);
                channel.suspendReads();
            }
        }

        /** More of the body arrived (IO thread). */
        @Override
        public void handleEvent(StreamSourceChannel source) {
            if (!done && readAvailable()) {
                byte[] result = result();
                Connectors.executeRootHandler(ex -> route.afterBody(ex, result), exchange);
            }
        }

        /** The body timeout ran out (IO thread, like the read listener). */
        @Override
        public void run() {
            if (done) {
                return;
            }
            stop();
            if (!exchange.getConnection().isOpen()) {
                return;
            }
            Connectors.executeRootHandler(ex -> reject(ex, 408, "Request Timeout", timedOut), exchange);
        }

        /** 100 Continue was sent: the client sends the body now. */
        @Override
        public void onComplete(HttpServerExchange ex, Sender sender) {
            start();
        }

        @Override
        public void onException(HttpServerExchange ex, Sender sender, IOException exception) {
            IoUtils.safeClose(ex.getConnection());
        }
    }
}
