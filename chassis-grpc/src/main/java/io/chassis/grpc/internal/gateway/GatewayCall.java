package io.chassis.grpc.internal.gateway;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * The one client interceptor of the gateway's in-process channel: sends the metadata made from the
 * HTTP request, and keeps the response headers and trailers for the HTTP response. Both travel in
 * the {@link CallOptions} of the call, so the channel is intercepted once, not per request.
 */
final class GatewayCall implements ClientInterceptor {

    /** What one gateway call sends and receives. */
    static final class Exchange {
        final Metadata outgoing = new Metadata();
        volatile Metadata headers;
        volatile Metadata trailers;
    }

    static final CallOptions.Key<Exchange> KEY = CallOptions.Key.create("chassis-gateway-exchange");

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        Exchange exchange = options.getOption(KEY);
        ClientCall<Q, R> call = next.newCall(method, options);
        if (exchange == null) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.merge(exchange.outgoing);
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata received) {
                                exchange.headers = received;
                                super.onHeaders(received);
                            }

                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                exchange.trailers = trailers;
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
            }
        };
    }
}
