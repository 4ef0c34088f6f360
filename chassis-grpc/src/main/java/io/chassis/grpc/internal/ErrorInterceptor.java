package io.chassis.grpc.internal;

import io.chassis.core.spi.RequestIds;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Interceptor 7: what a service method lets escape. A {@code StatusRuntimeException} (or {@code
 * StatusException}) passes through with its trailers; an {@code HttpProblem} or a named client's
 * failure becomes its equivalent status ({@link Failures}); any other exception becomes INTERNAL
 * "The server failed to handle the call. Quote request id X." and is logged once at ERROR with its
 * stack trace, which never reaches the client. The same applies to an exception a streaming method
 * hands to {@code responseObserver.onError} (grpc turns it into UNKNOWN with the exception as cause).
 */
final class ErrorInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorInterceptor.class);

    private final MethodInfo method;
    private final Failures failures;

    ErrorInterceptor(MethodInfo method, Failures failures) {
        this.method = method;
        this.failures = failures;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Guarded<Q, R> guarded = new Guarded<>(call, RequestIdInterceptor.current());
        try {
            return new Catching<>(next.startCall(guarded, headers), guarded);
        } catch (RuntimeException e) {
            guarded.fail(e);
            return new ServerCall.Listener<>() {};
        }
    }

    /** The call as the method sees it: closes once, and turns a bare exception into an answer. */
    private final class Guarded<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final String requestId;
        private boolean closed;

        Guarded(ServerCall<Q, R> delegate, String requestId) {
            super(delegate);
            this.requestId = requestId;
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            Throwable cause = status.getCause();
            if (status.getCode() == Status.Code.UNKNOWN
                    && cause != null
                    && !(cause instanceof StatusRuntimeException)
                    && !(cause instanceof StatusException)) {
                fail(cause); // responseObserver.onError(exception)
                return;
            }
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }

        synchronized void fail(Throwable t) {
            Failures.Answer answer = failures.answer(t, requestId);
            if (answer.bug()) {
                LoggingEventBuilder line = LOG.atError().setCause(t);
                if (requestId != null && MDC.get(RequestIds.MDC_KEY) == null) {
                    line = line.addKeyValue(RequestIds.MDC_KEY, requestId); // off the call's callbacks
                }
                line.log("Unhandled exception in gRPC call {}", method.operation());
            } else if (answer.dependency()) {
                LOG.warn(
                        "{} answered {}: {}",
                        method.operation(),
                        answer.status().getCode(),
                        t.getMessage());
            }
            if (closed) {
                return; // the method had answered already; the exception is still a bug worth its line
            }
            closed = true;
            try {
                super.close(answer.status(), answer.trailers());
            } catch (IllegalStateException e) {
                // the call was closed underneath (cancelled); nothing left to answer
            }
        }
    }

    /** Runs the method's callbacks, turning what escapes into an answer. */
    private static final class Catching<Q, R>
            extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

        private final Guarded<Q, R> call;

        Catching(ServerCall.Listener<Q> delegate, Guarded<Q, R> call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(Q message) {
            try {
                super.onMessage(message);
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }

        @Override
        public void onHalfClose() {
            try {
                super.onHalfClose();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }

        @Override
        public void onCancel() {
            try {
                super.onCancel();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }

        @Override
        public void onComplete() {
            try {
                super.onComplete();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }

        @Override
        public void onReady() {
            try {
                super.onReady();
            } catch (RuntimeException e) {
                call.fail(e);
            }
        }
    }
}
