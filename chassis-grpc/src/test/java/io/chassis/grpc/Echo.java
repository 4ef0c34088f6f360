package io.chassis.grpc;

import io.chassis.grpc.test.v1.EchoReply;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.grpc.test.v1.RepeatRequest;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The test service. What {@code Echo} does depends on the text: {@code boom} throws, {@code
 * not-found} throws a StatusRuntimeException, {@code invalid} a GrpcErrors.invalidArgument, {@code
 * block} waits for {@link #release}, {@code wait-for-cancel} waits until the call is cancelled,
 * {@code whoami} answers the caller's subject;
 * anything else is echoed with the request id the handler saw in the MDC.
 */
final class Echo extends EchoServiceGrpc.EchoServiceImplBase {

    static final Logger LOG = LoggerFactory.getLogger("test.echo");

    /** Counted down when a {@code block} call or a gated {@code Repeat} is inside the handler. */
    final CountDownLatch entered;
    /** Lets blocked calls go on. */
    final CountDownLatch release = new CountDownLatch(1);
    /** Counted down when a {@code wait-for-cancel} handler saw its Context cancelled. */
    final CountDownLatch cancelled = new CountDownLatch(1);

    Echo() {
        this(1);
    }

    Echo(int blockers) {
        entered = new CountDownLatch(blockers);
    }

    @Override
    public void echo(EchoRequest request, StreamObserver<EchoReply> reply) {
        switch (request.getText()) {
            case "boom" -> throw new IllegalStateException("secret internal detail");
            case "not-found" ->
                throw Status.NOT_FOUND.withDescription("no such echo").asRuntimeException();
            case "invalid" ->
                throw GrpcErrors.invalidArgument(
                        "The request is invalid.", GrpcErrors.violation("text", "must not be 'invalid'"));
            case "block" -> {
                entered.countDown();
                await(release);
            }
            case "wait-for-cancel" -> {
                Context context = Context.current();
                context.addListener(c -> cancelled.countDown(), Runnable::run);
                await(cancelled);
                return; // cancelled: nobody to answer
            }
            case "whoami" -> {
                reply.onNext(reply(Grpc.principal().map(p -> p.subject()).orElse("nobody"), 0));
                reply.onCompleted();
                return;
            }
            default -> {}
        }
        LOG.info("echoing {}", request.getText());
        reply.onNext(reply(request.getText(), 0));
        reply.onCompleted();
    }

    @Override
    public void repeat(RepeatRequest request, StreamObserver<EchoReply> reply) {
        for (int i = 0; i < request.getTimes(); i++) {
            reply.onNext(reply(request.getText(), i));
            if (i == 0 && request.getText().equals("gated")) {
                entered.countDown();
                await(release);
            }
        }
        if (request.getText().equals("fail")) {
            reply.onError(new IllegalStateException("stream broke internally"));
            return;
        }
        reply.onCompleted();
    }

    @Override
    public StreamObserver<EchoRequest> collect(StreamObserver<EchoReply> reply) {
        List<String> texts = new ArrayList<>();
        return new StreamObserver<>() {
            @Override
            public void onNext(EchoRequest request) {
                texts.add(request.getText());
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                reply.onNext(Echo.reply(String.join(",", texts), texts.size()));
                reply.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> reply) {
        return new StreamObserver<>() {
            private int index;

            @Override
            public void onNext(EchoRequest request) {
                reply.onNext(Echo.reply(request.getText(), index++));
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {
                reply.onCompleted();
            }
        };
    }

    private static EchoReply reply(String text, int index) {
        String id = MDC.get("request_id");
        return EchoReply.newBuilder()
                .setText(text)
                .setIndex(index)
                .setRequestId(id == null ? "" : id)
                .build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the call");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
