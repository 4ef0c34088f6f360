package io.chassis.core.spi;

import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Observes calls of a transport that core does not serve itself (gRPC, messaging): a tracing module
 * contributes one with {@link ModuleContext#addCallObserver}, a transport module asks {@link
 * ModuleContext#callObservers()} for them and reports each call. Neither knows the other.
 */
public interface CallObserver {

    /**
     * A call, as a transport describes it.
     *
     * @param transport e.g. {@code grpc}
     * @param operation e.g. {@code currency.v1.CurrencyService/GetRate}; the span name
     * @param tags standard tags, e.g. {@code rpc.system=grpc}, {@code rpc.service}, {@code rpc.method}
     */
    record CallInfo(String transport, String operation, Map<String, String> tags) {

        /** @throws NullPointerException when an argument is null */
        public CallInfo {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(operation, "operation");
            tags = Map.copyOf(tags);
        }
    }

    /**
     * An incoming call begins; the caller's context is read from its headers.
     *
     * @param call what is called
     * @param headers the incoming headers (metadata) with text values, names in lower case
     * @return the observation, finished by the transport when the call ends; never null
     */
    Observed inbound(CallInfo call, Iterable<Map.Entry<String, String>> headers);

    /**
     * An outgoing call begins, as a child of what is active on the calling thread; its context is
     * written into the outgoing headers.
     *
     * @param call what is called
     * @param header sets one outgoing header (metadata): lower-case name, value
     * @return the observation, finished by the transport when the call ends; never null
     */
    Observed outbound(CallInfo call, BiConsumer<String, String> header);

    /**
     * Writes the context active on the calling thread into outgoing headers, without a span of its
     * own: for a hop inside the process (the gRPC gateway hands an HTTP request to the gRPC
     * server), so the server side continues the HTTP request's trace with no client span between.
     *
     * @param header sets one outgoing header (metadata): lower-case name, value
     */
    default void inject(BiConsumer<String, String> header) {}

    /** One observed call. Thread-safe: a call's callbacks may run on several threads. */
    interface Observed {

        /**
         * Makes the call current on this thread (e.g. the span active, its ids in the MDC), for one
         * callback of the call.
         *
         * @return closing it gives the thread back what it had; never null
         */
        ContextPropagator.Restored activate();

        /**
         * @param key e.g. {@code rpc.grpc.status_code}
         * @param value its value
         */
        void tag(String key, String value);

        /** @param error what failed in the call, e.g. an exception of the handler */
        void failed(Throwable error);

        /**
         * Ends the observation; called once.
         *
         * @param status the outcome as the transport names it, e.g. {@code NOT_FOUND}
         * @param error true when the outcome is an error of the server (or, outbound, of the call)
         */
        void finish(String status, boolean error);
    }
}
