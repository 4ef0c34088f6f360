package io.chassis.examples.currency;

/** A running CurrencyService that the interop clients call: the packaged service or a bare stand-in. */
interface CurrencyEndpoint {

    /** @return the loopback port currency.v1.CurrencyService, health and reflection v1 answer on */
    int grpcPort();

    /** Stops it and waits until it has. */
    void stop() throws InterruptedException;
}
