package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.RetryInfo;
import io.chassis.grpc.test.v1.EchoRequest;
import io.chassis.grpc.test.v1.EchoServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The call executor is bounded: a call that finds it full is shed with UNAVAILABLE, not queued. */
class GrpcExecutorIT {

    @Test
    void aCallThatFindsTheExecutorFullIsUnavailableWithARetryDelayAndHealthStillAnswers() throws Exception {
        Echo echo = new Echo(1);
        try (GrpcService grpc = GrpcService.start(GrpcService.builder(g -> g.service(echo))
                        .configOverride("chassis.grpc.executor.threads", 1)
                        .configOverride("chassis.grpc.executor.queue", 1));
                JsonLog log = JsonLog.capture("io.grpc", "chassis.access")) {
            var running = EchoServiceGrpc.newFutureStub(grpc.channel())
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .echo(EchoRequest.newBuilder().setText("block").build());
            assertThat(echo.entered.await(30, TimeUnit.SECONDS)).isTrue();
            // The only thread is busy; the one queue slot is the reserve of the calls in progress.
            StatusRuntimeException shed = catchThrowableOfType(
                    StatusRuntimeException.class, () -> EchoServiceGrpc.newBlockingStub(grpc.channel())
                            .withDeadlineAfter(30, TimeUnit.SECONDS)
                            .echo(EchoRequest.newBuilder().setText("shed").build()));
            ServingStatus health = GrpcHealthIT.check(grpc, "");
            echo.release.countDown();

            assertThat(shed).isNotNull();
            assertThat(shed.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(shed.getStatus().getDescription()).isEqualTo("The server is overloaded. Retry later.");
            assertThat(StatusProto.fromThrowable(shed)
                            .getDetails(0)
                            .unpack(RetryInfo.class)
                            .getRetryDelay()
                            .getSeconds())
                    .isEqualTo(1);
            assertThat(health).isEqualTo(ServingStatus.SERVING);
            assertThat(running.get(30, TimeUnit.SECONDS).getText()).isEqualTo("block");
            assertThat(log.lines("io.grpc")).as("no stream reset, no warning").isEmpty();
            assertThat(log.lines("chassis.access"))
                    .anySatisfy(l -> assertThat(l.path("grpc_status").asText()).isEqualTo("UNAVAILABLE"));
        }
    }
}
