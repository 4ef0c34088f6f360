package io.chassis.examples.currency;

/** A running CurrencyService that the interop clients call: the packaged service or a bare stand-in. */
interface CurrencyEndpoint extends AutoCloseable {

    /** @return the loopback port currency.v1.CurrencyService, health and reflection v1 answer on */
    int grpcPort();

    @Override
    void close() throws Exception;
}
