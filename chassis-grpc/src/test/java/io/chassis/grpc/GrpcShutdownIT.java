package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chassis.grpc.test.v1.EchoReply;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.chassis.grpc.test.v1.RepeatRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A graceful stop lets the calls in progress finish and refuses the ones that come after. */
class GrpcShutdownIT {

    @Test
    void callsInProgressFinishAndANewCallDuringTheDrainIsUnavailable() throws Exception {
        Echo echo = new Echo(2);
        GrpcService grpc = GrpcService.start(GrpcService.builder(g -> g.service(echo)));
        EchoServiceGrpc.EchoServiceFutureStub futures = EchoServiceGrpc.newFutureStub(grpc.channel());
        var unary = futures.withDeadlineAfter(60, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setText("block").build());
        List<String> streamed = new ArrayList<>();
        CompletableFuture<Status> streamEnd = new CompletableFuture<>();
        EchoServiceGrpc.newStub(grpc.channel())
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .repeat(RepeatRequest.newBuilder().setText("gated").setTimes(3).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(EchoReply reply) {
                        synchronized (streamed) {
                            streamed.add(reply.getText() + reply.getIndex());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        streamEnd.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        streamEnd.complete(Status.OK);
                    }
                });
        assertThat(echo.entered.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(() -> grpc.service().close(), "stopping"); // the channel stays open
        stopping.start();
        ManagedChannel late = GrpcService.channel(grpc.port());
        StatusRuntimeException refused;
        try {
            EchoServiceGrpc.EchoServiceBlockingStub lateStub = EchoServiceGrpc.newBlockingStub(late);
            refused = await().atMost(30, TimeUnit.SECONDS)
                    .ignoreNoExceptions()
                    .until(() -> newCall(lateStub), e -> e != null);
        } finally {
            late.shutdownNow();
        }
        echo.release.countDown();

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(unary.get(30, TimeUnit.SECONDS).getText()).isEqualTo("block");
        assertThat(streamEnd.get(30, TimeUnit.SECONDS)).isEqualTo(Status.OK);
        assertThat(streamed).containsExactly("gated0", "gated1", "gated2");
        stopping.join(30_000);
        assertThat(stopping.isAlive()).isFalse();
        grpc.close();
    }

    /** @return the failure of a new call, or null while the server still takes calls */
    private static StatusRuntimeException newCall(EchoServiceGrpc.EchoServiceBlockingStub stub) {
        try {
            stub.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .echo(EchoRequest.newBuilder().setText("late").build());
            return null;
        } catch (StatusRuntimeException e) {
            return e;
        }
    }
}
