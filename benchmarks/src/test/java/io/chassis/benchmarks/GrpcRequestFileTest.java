package io.chassis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.chassis.examples.currency.v1.GetRateRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The request body grpc.sh sends with h2load is one gRPC message: GetRate EUR/USD. */
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
}
