package io.chassis.benchmarks;

import com.google.protobuf.util.JsonFormat;
import io.chassis.core.http.Context;
import io.chassis.core.http.HttpProblem;
import io.chassis.examples.currency.CurrencyService;
import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.examples.currency.v1.Rate;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The server of {@code benchmarks/gateway.sh}: the currency example as it ships ({@link
 * CurrencyService#builder()}, so {@code GET /v1/rates/{base}/{quote}} is its gRPC-JSON gateway
 * route), plus one hand-written chassis route, {@code GET /hand/rates/{base}/{quote}}, that gives
 * the same answer from the same code: it calls {@link CurrencyServiceImpl#getRate} directly and
 * prints the {@link Rate} with the gateway's JsonFormat settings. Both routes are blocking handlers
 * of one process behind the same default filters (request ids, metrics, access log), so the ratio
 * of their rates is what the gateway's transcoding and in-process gRPC call cost. Tracing is off, as
 * in the packaged example, which has no tracing backend.
 *
 * <p>Ports as for the example: {@code -Dchassis.http.port}, {@code -Dchassis.admin.port},
 * {@code -Dchassis.grpc.port}. Usage: {@code GatewayVsRoute [run]}
 */
public final class GatewayVsRoute {

    /** The gateway's printer settings (Transcoder), without its type registry: Rate holds no Any. */
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().omittingInsignificantWhitespace().alwaysPrintFieldsWithNoPresence();

    private GatewayVsRoute() {}

    public static void main(String[] args) {
        // an instance of its own over the same fixed table: the example's builder keeps its own private
        CurrencyServiceImpl service = new CurrencyServiceImpl(Rates.fixed());
        CurrencyService.builder()
                // the example ships without a tracing backend; this classpath has chassis-tracing-otel (ChassisHello's)
                .configOverride("chassis.tracing.enabled", false)
                .configOverride("chassis.shutdown.drain-delay", "0s")
                .configure(app -> app.http().get("/hand/rates/{base}/{quote}", ctx -> handRate(service, ctx)))
                .main(args);
    }

    private static Object handRate(CurrencyServiceImpl service, Context ctx) throws Exception {
        GetRateRequest request = GetRateRequest.newBuilder()
                .setBase(ctx.pathParam("base"))
                .setQuote(ctx.pathParam("quote"))
                .build();
        Reply reply = new Reply();
        service.getRate(request, reply);
        if (reply.error != null) {
            throw problem(reply.error);
        }
        ctx.result("application/json", PRINTER.print(reply.rate));
        return null;
    }

    /** The statuses GetRate refuses with, as the gateway maps them (no problem members: not measured). */
    private static Exception problem(Throwable error) {
        Status status = Status.fromThrowable(error);
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> HttpProblem.badRequest(status.getDescription());
            case NOT_FOUND -> HttpProblem.notFound(status.getDescription());
            default -> new IllegalStateException("GetRate failed: " + status, error);
        };
    }

    /** GetRate answers synchronously, before it returns: one message or one error. */
    private static final class Reply implements StreamObserver<Rate> {
        private Rate rate;
        private Throwable error;

        @Override
        public void onNext(Rate value) {
            rate = value;
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {}
    }
}
