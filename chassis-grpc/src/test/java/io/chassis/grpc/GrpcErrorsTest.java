package io.chassis.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each factory gives its status and details, readable with StatusProto.fromThrowable. */
class GrpcErrorsTest {

    @Test
    void unavailableAndResourceExhaustedCarryRetryInfo() throws Exception {
        StatusRuntimeException unavailable = GrpcErrors.unavailable("down", Duration.ofMillis(1500));
        StatusRuntimeException exhausted = GrpcErrors.resourceExhausted("slow down", Duration.ofSeconds(3));

        assertThat(unavailable.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(unavailable.getStatus().getDescription()).isEqualTo("down");
        RetryInfo retry = StatusProto.fromThrowable(unavailable).getDetails(0).unpack(RetryInfo.class);
        assertThat(retry.getRetryDelay().getSeconds()).isEqualTo(1);
        assertThat(retry.getRetryDelay().getNanos()).isEqualTo(500_000_000);
        assertThat(exhausted.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(StatusProto.fromThrowable(exhausted)
                        .getDetails(0)
                        .unpack(RetryInfo.class)
                        .getRetryDelay()
                        .getSeconds())
                .isEqualTo(3);
    }

    @Test
    void failedPreconditionCarriesErrorInfoAndNotFoundNothing() throws Exception {
        StatusRuntimeException failed = GrpcErrors.failedPrecondition(
                "account closed",
                ErrorInfo.newBuilder()
                        .setReason("ACCOUNT_CLOSED")
                        .setDomain("bank")
                        .build());
        StatusRuntimeException notFound = GrpcErrors.notFound("no such account");

        assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(StatusProto.fromThrowable(failed)
                        .getDetails(0)
                        .unpack(ErrorInfo.class)
                        .getReason())
                .isEqualTo("ACCOUNT_CLOSED");
        assertThat(notFound.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(StatusProto.fromThrowable(notFound).getDetailsList()).isEmpty();
    }

    @Test
    void invalidArgumentWithoutViolationsHasNoDetails() {
        StatusRuntimeException e = GrpcErrors.invalidArgument("bad request");

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(StatusProto.fromThrowable(e).getDetailsList()).isEmpty();
    }

    @Test
    void aNegativeRetryDelayIsRejected() {
        assertThatThrownBy(() -> GrpcErrors.unavailable("x", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retryAfter must not be negative");
    }
}
