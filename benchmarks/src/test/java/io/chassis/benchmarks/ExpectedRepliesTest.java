package io.chassis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.chassis.examples.currency.v1.Currency;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.examples.currency.v1.Rate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DATA bytes grpc.sh expects per call are those of the service's OK answer to the frame sent. */
class ExpectedRepliesTest {

    private static final Path FRAMES = Path.of("h2load");
    private final CurrencyServiceImpl service = new CurrencyServiceImpl(Rates.fixed());

    @Test
    void getRateAnswersOneRateForEurUsd() throws Exception {
        ExpectedReplies.Reply reply = ExpectedReplies.getRate(service, FRAMES.resolve(ExpectedReplies.GET_RATE_FRAME));

        assertThat(reply.messages()).hasSize(1);
        Rate rate = (Rate) reply.messages().get(0);
        assertThat(rate.getBase()).isEqualTo("EUR");
        assertThat(rate.getQuote()).isEqualTo("USD");
        assertThat(rate.getRate()).isEqualTo("1.0823");
        assertThat(reply.bytes()).isEqualTo(5 + rate.toByteArray().length);
    }

    @Test
    void listCurrenciesAnswersEveryCurrencyOfTheTableInOrder() throws Exception {
        ExpectedReplies.Reply reply =
                ExpectedReplies.listCurrencies(service, FRAMES.resolve(ExpectedReplies.LIST_CURRENCIES_FRAME));

        assertThat(reply.messages())
                .extracting(m -> ((Currency) m).getCode())
                .containsExactlyElementsOf(Rates.fixed().currencies().stream()
                        .map(Rates.Currency::code)
                        .toList());
        int bytes = 0;
        for (var currency : reply.messages()) {
            bytes += 5 + currency.toByteArray().length;
        }
        assertThat(reply.bytes()).isEqualTo(bytes);
    }

    @Test
    void aFrameThatIsNotOneLengthPrefixedMessageIsRefused(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("truncated.bin");
        byte[] good = Files.readAllBytes(FRAMES.resolve(ExpectedReplies.GET_RATE_FRAME));
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 1));

        assertThatThrownBy(() -> ExpectedReplies.decode(truncated, GetRateRequest.parser()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not one uncompressed length-prefixed gRPC message");
    }

    @Test
    void aRequestTheServiceRefusesIsAMistakeInTheFrame(@TempDir Path dir) throws Exception {
        Path unknown = dir.resolve(ExpectedReplies.GET_RATE_FRAME);
        Files.write(
                unknown,
                HealthCheckConnection.lengthPrefixed(GetRateRequest.newBuilder()
                        .setBase("EUR")
                        .setQuote("XXX")
                        .build()
                        .toByteArray()));

        assertThatThrownBy(() -> ExpectedReplies.getRate(service, unknown))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fails");
    }
}
