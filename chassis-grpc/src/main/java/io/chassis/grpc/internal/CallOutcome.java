package io.chassis.grpc.internal;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How one call ended, told once: the status the server closed it with, or CANCELLED /
 * DEADLINE_EXCEEDED when the call was cancelled first (client gone, deadline passed, server stopped).
 * Counts the messages of the call too. Subclasses record the outcome (metrics, access log, span).
 */
abstract class CallOutcome {

    private final AtomicBoolean ended = new AtomicBoolean();
    private final Context context;
    /** One writer at a time: the listener's callbacks are serialized. */
    private volatile int received;
    /** One writer at a time: a ServerCall must not be used from two threads at once. */
    private volatile int sent;

    /** Must be created inside {@code interceptCall}, where the current context is the call's. */
    CallOutcome() {
        this.context = Context.current();
    }

    /** Records the end of the call; runs once, on the thread that closed or cancelled it. */
    protected abstract void ended(Status status);

    /** Runs on every message received, after it was counted. */
    protected void onReceived() {}

    /** Runs on every message sent, after it was counted. */
    protected void onSent() {}

    final int received() {
        return received;
    }

    final int sent() {
        return sent;
    }

    /**
     * Starts the call with {@code next}, watching it.
     *
     * @return the listener to hand back to grpc
     */
    final <Q, R> ServerCall.Listener<Q> start(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new Listener<>(next.startCall(new Call<>(call, this), headers), this);
    }

    private void end(Status status) {
        if (ended.compareAndSet(false, true)) {
            ended(status);
        }
    }

    private Status cancelStatus() {
        Deadline deadline = context.getDeadline();
        return deadline != null && deadline.isExpired() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED;
    }

    private static final class Call<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final CallOutcome outcome;

        Call(ServerCall<Q, R> delegate, CallOutcome outcome) {
            super(delegate);
            this.outcome = outcome;
        }

        @Override
        public void sendMessage(R message) {
            super.sendMessage(message);
            outcome.sent++;
            outcome.onSent();
        }

        @Override
        public void close(Status status, Metadata trailers) {
            outcome.end(status);
            super.close(status, trailers);
        }
    }

    private static final class Listener<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final CallOutcome outcome;

        Listener(ServerCall.Listener<Q> delegate, CallOutcome outcome) {
            super(delegate);
            this.outcome = outcome;
        }

        @Override
        public void onMessage(Q message) {
            outcome.received++;
            outcome.onReceived();
            super.onMessage(message);
        }

        @Override
        public void onCancel() {
            outcome.end(outcome.cancelStatus());
            super.onCancel();
        }
    }
}
