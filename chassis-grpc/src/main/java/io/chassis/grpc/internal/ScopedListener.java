package io.chassis.grpc.internal;

import io.grpc.Context;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import org.slf4j.MDC;

/**
 * Runs a call's start and every one of its callbacks with a {@link Context} attached and one MDC entry
 * set, and puts back what was there after each: callbacks run on whatever executor thread is free.
 * Written out per callback, without lambdas, since the request id puts one on every call.
 */
final class ScopedListener<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

    private final Context context;
    private final String key;
    private final String value;

    private ScopedListener(ServerCall.Listener<Q> delegate, Context context, String key, String value) {
        super(delegate);
        this.context = context;
        this.key = key;
        this.value = value;
    }

    /**
     * Starts the call with {@code next} inside the scope, and keeps the scope for its callbacks.
     *
     * @param value the MDC entry's value; null for no entry (the context only)
     */
    static <Q, R> ServerCall.Listener<Q> start(
            Context context,
            String key,
            String value,
            ServerCall<Q, R> call,
            Metadata headers,
            ServerCallHandler<Q, R> next) {
        Context previous = context.attach();
        String previousValue = put(key, value);
        try {
            return new ScopedListener<>(next.startCall(call, headers), context, key, value);
        } finally {
            restore(key, value, previousValue);
            context.detach(previous);
        }
    }

    private static String put(String key, String value) {
        if (value == null) {
            return null;
        }
        String previous = MDC.get(key);
        MDC.put(key, value);
        return previous;
    }

    private static void restore(String key, String value, String previous) {
        if (value == null) {
            return;
        }
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    @Override
    public void onMessage(Q message) {
        Context previous = context.attach();
        String previousValue = put(key, value);
        try {
            super.onMessage(message);
        } finally {
            restore(key, value, previousValue);
            context.detach(previous);
        }
    }

    @Override
    public void onHalfClose() {
        Context previous = context.attach();
        String previousValue = put(key, value);
        try {
            super.onHalfClose();
        } finally {
            restore(key, value, previousValue);
            context.detach(previous);
        }
    }

    @Override
    public void onCancel() {
        Context previous = context.attach();
        String previousValue = put(key, value);
        try {
            super.onCancel();
        } finally {
            restore(key, value, previousValue);
            context.detach(previous);
        }
    }

    @Override
    public void onComplete() {
        Context previous = context.attach();
        String previousValue = put(key, value);
        try {
            super.onComplete();
        } finally {
            restore(key, value, previousValue);
            context.detach(previous);
        }
    }

    @Override
    public void onReady() {
        Context previous = context.attach();
        String previousValue = put(key, value);
        try {
            super.onReady();
        } finally {
            restore(key, value, previousValue);
            context.detach(previous);
        }
    }
}
