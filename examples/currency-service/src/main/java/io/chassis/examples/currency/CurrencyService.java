package io.chassis.examples.currency;

import io.chassis.core.Chassis;
import io.chassis.core.ChassisBuilder;
import io.chassis.grpc.Grpc;

/**
 * currency-service: {@code currency.v1.CurrencyService} on the gRPC port ({@code
 * chassis.grpc.port}), with gRPC health and reflection v1 next to it, and the usual admin port
 * (health, metrics, loggers).
 */
public final class CurrencyService {

    private CurrencyService() {}

    /** @return the service description, shared by {@link #main} and the tests */
    public static ChassisBuilder builder() {
        return Chassis.builder()
                .configure(app -> app.extension(Grpc.class).service(new CurrencyServiceImpl(Rates.fixed())));
    }

    /** @param args {@code run} (default), {@code check} or {@code config} */
    public static void main(String[] args) {
        builder().main(args);
    }
}
