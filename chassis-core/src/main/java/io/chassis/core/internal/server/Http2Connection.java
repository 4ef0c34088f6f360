package io.chassis.core.internal.server;

import io.undertow.protocols.http2.Http2Channel;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.ChannelListener;

/**
 * One HTTP/2 connection of a listener (negotiated by ALPN, or cleartext with prior knowledge), as
 * far as stopping the listener is concerned: how many of its streams are in progress.
 *
 * <p>Every stream's exchange passes through here before the listener's handlers. Once the listener
 * stops, the connection gets a GOAWAY (NO_ERROR) as soon as none of its streams runs: the client
 * learns which streams were processed and opens new ones elsewhere, instead of seeing a bare close.
 * Streams that arrive before that are answered 503 by {@link RequestLifecycle}. Undertow closes the
 * connection once the GOAWAY is written.
 *
 * <p>The GOAWAY is sent on the connection's IO thread, the thread that starts streams, after one more
 * look at the count: no stream can start between that look and the frame.
 */
final class Http2Connection
        implements HttpHandler, ExchangeCompletionListener, ChannelListener<Http2Channel>, Runnable {

    private final ConnectionTracker tracker;
    private final Http2Channel channel;
    private final HttpHandler next;
    private final AtomicInteger streams = new AtomicInteger();
    private final AtomicBoolean goingAway = new AtomicBoolean();

    Http2Connection(ConnectionTracker tracker, Http2Channel channel, HttpHandler next) {
        this.tracker = tracker;
        this.channel = channel;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        streams.incrementAndGet(); // on the IO thread, like run()
        exchange.addExchangeCompleteListener(this);
        next.handleRequest(exchange);
    }

    @Override
    public void exchangeEvent(HttpServerExchange exchange, NextListener nextListener) {
        try {
            if (streams.decrementAndGet() == 0 && tracker.closing()) {
                goAwayWhenIdle();
            }
        } finally {
            nextListener.proceed();
        }
    }

    /** @return true when none of the connection's streams is in progress */
    boolean idle() {
        return streams.get() == 0;
    }

    /** Queues the GOAWAY on the connection's IO thread if no stream runs and none is queued. */
    void goAwayWhenIdle() {
        if (streams.get() == 0 && goingAway.compareAndSet(false, true)) {
            try {
                channel.getIoThread().execute(this);
            } catch (RejectedExecutionException e) {
                goingAway.set(false); // the IO thread is stopping and closes the connection itself
            }
        }
    }

    @Override
    public void run() {
        if (!channel.isOpen()) {
            return;
        }
        if (streams.get() == 0) {
            channel.sendGoAway(Http2Channel.ERROR_NO_ERROR);
        } else {
            goingAway.set(false); // a stream started meanwhile; its end queues the GOAWAY again
        }
    }

    /** Close task of the channel: the connection is gone, whoever closed it. */
    @Override
    public void handleEvent(Http2Channel closed) {
        tracker.closed(this);
    }
}
