package io.chassis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.examples.currency.v1.ListCurrenciesRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The request bodies grpc.sh sends with h2load are one gRPC message each: the intended request. */
class GrpcRequestFileTest {

    @Test
    void isAnUncompressedLengthPrefixedGetRateRequestForEurUsd() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("h2load", "getrate-eur-usd.bin"));
        GetRateRequest expected =
                GetRateRequest.newBuilder().setBase("EUR").setQuote("USD").build();

        assertThat(file[0]).as("compressed flag").isZero();
        assertThat(ByteBuffer.wrap(file, 1, 4).getInt()).as("length").isEqualTo(file.length - 5);
        assertThat(GetRateRequest.parseFrom(Arrays.copyOfRange(file, 5, file.length)))
                .isEqualTo(expected);
        assertThat(Arrays.copyOfRange(file, 5, file.length)).isEqualTo(expected.toByteArray());
    }

    @Test
    void isAnUncompressedLengthPrefixedEmptyListCurrenciesRequest() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("h2load", "listcurrencies.bin"));
        ListCurrenciesRequest expected = ListCurrenciesRequest.getDefaultInstance();

        assertThat(file).hasSize(5);
        assertThat(file[0]).as("compressed flag").isZero();
        assertThat(ByteBuffer.wrap(file, 1, 4).getInt()).as("length").isEqualTo(file.length - 5);
        assertThat(ListCurrenciesRequest.parseFrom(Arrays.copyOfRange(file, 5, file.length)))
                .isEqualTo(expected);
        assertThat(Arrays.copyOfRange(file, 5, file.length)).isEqualTo(expected.toByteArray());
    }
}
