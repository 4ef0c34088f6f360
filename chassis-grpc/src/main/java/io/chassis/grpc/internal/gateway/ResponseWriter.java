package io.chassis.grpc.internal.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.chassis.core.http.Context;
import io.chassis.core.http.HttpProblem;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes what the gRPC side answered: its metadata as {@code Grpc-Metadata-*} headers, and a server
 * stream as newline-delimited JSON, one message per line, flushed per message; an error before the
 * first message is an ordinary problem response, one after it ends the stream with one line
 * {@code {"error":{...problem...}}}.
 */
final class ResponseWriter {

    static final String NDJSON = "application/x-ndjson";

    /** Metadata the gateway does not copy: transport's own, and the request id the HTTP side sends already. */
    private static final Set<String> RESERVED = Set.of("content-type", "x-request-id", "te", "user-agent");

    private final Transcoder transcoder;
    private final ObjectMapper mapper;

    ResponseWriter(Transcoder transcoder, ObjectMapper mapper) {
        this.transcoder = transcoder;
        this.mapper = mapper;
    }

    /** Copies the call's response headers and trailers to the HTTP response as {@code Grpc-Metadata-<name>}. */
    static void metadataHeaders(Context ctx, GatewayCall.Exchange exchange) {
        copy(ctx, exchange.headers);
        copy(ctx, exchange.trailers);
    }

    private static void copy(Context ctx, Metadata metadata) {
        if (metadata == null || ctx.unsafeExchange().isResponseStarted()) {
            return;
        }
        for (String name : metadata.keys()) {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX) || name.startsWith("grpc-") || RESERVED.contains(name)) {
                continue;
            }
            Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            if (values != null) {
                for (String value : values) {
                    ctx.unsafeExchange()
                            .getResponseHeaders()
                            .add(io.undertow.util.HttpString.tryFromString("Grpc-Metadata-" + name), value);
                }
            }
        }
    }

    /**
     * Runs a server-streaming call and writes it as NDJSON on this (blocking) thread. A client that
     * goes away cancels the call.
     *
     * @throws HttpProblem when the call fails before its first message
     * @throws IOException when the client cannot be written to (the call is cancelled first)
     */
    void stream(
            Context ctx,
            Binding binding,
            Channel channel,
            CallOptions options,
            Message request,
            GatewayCall.Exchange call)
            throws IOException {
        io.grpc.Context.CancellableContext scope = io.grpc.Context.current().withCancellation();
        io.grpc.Context previous = scope.attach();
        OutputStream out = null;
        try {
            Iterator<Message> messages =
                    ClientCalls.blockingServerStreamingCall(channel, binding.method(), options, request);
            try {
                while (messages.hasNext()) {
                    Message message = messages.next();
                    if (out == null) {
                        out = start(ctx, call);
                    }
                    out.write(transcoder.json(binding, message).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    out.flush();
                }
            } catch (StatusRuntimeException e) {
                metadataHeaders(ctx, call);
                HttpProblem problem = StatusProblems.of(e.getStatus(), e.getTrailers());
                if (out == null) {
                    throw problem;
                }
                out.write(errorLine(ctx, problem));
                out.write('\n');
            }
            if (out == null) {
                out = start(ctx, call); // an empty stream: 200, no lines
            }
            out.close();
        } catch (IOException e) {
            scope.cancel(Status.CANCELLED
                    .withDescription("the HTTP client went away")
                    .asRuntimeException());
            throw e;
        } finally {
            scope.detach(previous);
            scope.cancel(null);
        }
    }

    private static OutputStream start(Context ctx, GatewayCall.Exchange call) {
        metadataHeaders(ctx, call);
        HttpServerExchange exchange = ctx.unsafeExchange();
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, NDJSON);
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        return exchange.getOutputStream();
    }

    private byte[] errorLine(Context ctx, HttpProblem problem) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "about:blank");
        error.put("title", problem.title());
        error.put("status", problem.status());
        error.put("detail", problem.detail());
        error.put("requestId", ctx.requestId());
        error.putAll(problem.members());
        return mapper.writeValueAsBytes(Map.of("error", error));
    }
}
