package io.chassis.examples.currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.chassis.examples.currency.v1.BatchSummary;
import io.chassis.examples.currency.v1.ConvertRequest;
import io.chassis.examples.currency.v1.ConvertResponse;
import io.chassis.examples.currency.v1.Currency;
import io.chassis.examples.currency.v1.CurrencyServiceGrpc;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.examples.currency.v1.ListCurrenciesRequest;
import io.chassis.examples.currency.v1.Rate;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every RPC of the service through grpc-java's in-process transport: messages, statuses, streaming order. */
class CurrencyServiceImplTest {

    /** How long a test waits for an answer that should come at once; only a guard against hanging. */
    static final long WAIT_SECONDS = 10;

    static Server server;
    static ManagedChannel channel;
    static CurrencyServiceGrpc.CurrencyServiceStub async;

    @BeforeAll
    static void startServer() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name)
                .addService(new CurrencyServiceImpl(Rates.fixed()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
        async = CurrencyServiceGrpc.newStub(channel);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        channel.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A stub whose deadline starts now (a deadline is a point in time, fixed when the stub is made). */
    static CurrencyServiceGrpc.CurrencyServiceBlockingStub blocking() {
        return CurrencyServiceGrpc.newBlockingStub(channel).withDeadlineAfter(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    static GetRateRequest rateRequest(String base, String quote) {
        return GetRateRequest.newBuilder().setBase(base).setQuote(quote).build();
    }

    static ConvertRequest convertRequest(String base, String quote, String amount) {
        return ConvertRequest.newBuilder()
                .setBase(base)
                .setQuote(quote)
                .setAmount(amount)
                .build();
    }

    static Status statusOf(Runnable call) {
        return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus();
    }

    @Nested
    class GetRate {

        @Test
        void answersTheTablesRateAsAPlainStringAtTheFixedInstant() {
            Rate rate = blocking().getRate(rateRequest("USD", "EUR"));

            assertThat(rate.getBase()).isEqualTo("USD");
            assertThat(rate.getQuote()).isEqualTo("EUR");
            assertThat(rate.getRate()).isEqualTo("0.9239582370876836");
            assertThat(rate.getAsOf())
                    .isEqualTo(Timestamp.newBuilder().setSeconds(1_767_369_600L).build()); // 2026-01-02T16:00:00Z
        }

        @Test
        void aCurrencyAgainstItselfIsOne() {
            assertThat(blocking().getRate(rateRequest("JPY", "JPY")).getRate()).isEqualTo("1");
        }

        @Test
        void aMalformedCodeIsInvalidArgumentNamingTheField() {
            Status status = statusOf(() -> blocking().getRate(rateRequest("eur", "USD")));

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription())
                    .isEqualTo("base \"eur\" is not a currency code: expected three upper-case letters such as EUR");
        }

        @Test
        void anUnknownCodeIsNotFoundNamingTheField() {
            Status status = statusOf(() -> blocking().getRate(rateRequest("EUR", "XXX")));

            assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).startsWith("quote \"XXX\" is not a supported currency");
        }

        @Test
        void anEmptyRequestIsInvalidArgumentNotNotFound() {
            Status status = statusOf(() -> blocking().getRate(GetRateRequest.getDefaultInstance()));

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).isEqualTo("base is missing: expected a currency code such as EUR");
        }

        @Test
        void aMalformedCodeWinsOverAnUnknownOne() {
            Status status = statusOf(() -> blocking().getRate(rateRequest("XXX", "U$D")));

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).startsWith("quote ");
        }
    }

    @Nested
    class Convert {

        @Test
        void answersTheConvertedAmountWithTheRateAndEchoesTheRequest() {
            ConvertResponse response = blocking().convert(convertRequest("EUR", "JPY", "10.00"));

            assertThat(response)
                    .isEqualTo(ConvertResponse.newBuilder()
                            .setBase("EUR")
                            .setQuote("JPY")
                            .setAmount("10.00")
                            .setConverted("1624")
                            .setRate("162.37")
                            .build());
        }

        @Test
        void roundsHalfEvenToTheQuotesMinorUnits() {
            assertThat(blocking().convert(convertRequest("EUR", "USD", "150")).getConverted())
                    .isEqualTo("162.34");
            assertThat(blocking().convert(convertRequest("EUR", "USD", "12.50")).getConverted())
                    .isEqualTo("13.53");
        }

        @Test
        void aMalformedAmountIsInvalidArgumentNamingTheAmount() {
            Status status = statusOf(() -> blocking().convert(convertRequest("EUR", "USD", "1e3")));

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).startsWith("amount \"1e3\" is not a plain non-negative decimal");
        }

        @Test
        void aMalformedAmountWinsOverAnUnknownCode() {
            Status status = statusOf(() -> blocking().convert(convertRequest("XXX", "USD", "-5")));

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).startsWith("amount ");
        }

        @Test
        void anUnknownCodeIsNotFound() {
            Status status = statusOf(() -> blocking().convert(convertRequest("XXX", "USD", "5")));

            assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).startsWith("base \"XXX\"");
        }
    }

    @Test
    void listCurrenciesStreamsEveryCurrencySortedByCode() {
        List<Currency> currencies = new ArrayList<>();
        blocking().listCurrencies(ListCurrenciesRequest.getDefaultInstance()).forEachRemaining(currencies::add);

        assertThat(currencies)
                .extracting(Currency::getCode, Currency::getName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CHF", "Swiss Franc"),
                        org.assertj.core.groups.Tuple.tuple("EUR", "Euro"),
                        org.assertj.core.groups.Tuple.tuple("GBP", "Pound Sterling"),
                        org.assertj.core.groups.Tuple.tuple("JPY", "Japanese Yen"),
                        org.assertj.core.groups.Tuple.tuple("USD", "US Dollar"));
    }

    @Nested
    class ConvertBatch {

        @Test
        void countsTheRequestsAndTotalsTheConvertedAmountsPerQuote() throws Exception {
            Result<BatchSummary> result = new Result<>();
            StreamObserver<ConvertRequest> requests = async.convertBatch(result);
            requests.onNext(convertRequest("EUR", "USD", "12.50")); // 13.53
            requests.onNext(convertRequest("GBP", "USD", "5.5")); // 6.95
            requests.onNext(convertRequest("EUR", "JPY", "10.00")); // 1624
            requests.onCompleted();

            BatchSummary summary = result.value();
            assertThat(summary.getCount()).isEqualTo(3);
            assertThat(summary.getTotalsMap()).containsOnly(Map.entry("USD", "20.48"), Map.entry("JPY", "1624"));
        }

        @Test
        void anEmptyBatchIsOkWithCountZero() throws Exception {
            Result<BatchSummary> result = new Result<>();
            async.convertBatch(result).onCompleted();

            BatchSummary summary = result.value();
            assertThat(summary.getCount()).isZero();
            assertThat(summary.getTotalsMap()).isEmpty();
        }

        @Test
        void anInvalidRequestEndsTheCallAtOnceNamingItsIndex() throws Exception {
            Result<BatchSummary> result = new Result<>();
            StreamObserver<ConvertRequest> requests = async.convertBatch(result);
            requests.onNext(convertRequest("EUR", "USD", "1"));
            requests.onNext(convertRequest("EUR", "USD", "1.0000001"));
            // no half-close: the server ends the call on the bad request by itself

            Status status = result.failure();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription())
                    .isEqualTo("request at index 1: amount \"1.0000001\" is not a plain non-negative decimal with"
                            + " at most 6 fraction digits, such as \"12.50\"");
            requests.onNext(convertRequest("EUR", "USD", "2")); // dropped: the call is over
            requests.onCompleted();
        }

        @Test
        void anUnknownCurrencyEndsTheCallWithNotFoundNamingItsIndex() throws Exception {
            Result<BatchSummary> result = new Result<>();
            StreamObserver<ConvertRequest> requests = async.convertBatch(result);
            requests.onNext(convertRequest("EUR", "XXX", "1"));
            requests.onCompleted();

            Status status = result.failure();
            assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).startsWith("request at index 0: quote \"XXX\"");
        }
    }

    @Nested
    class StreamRates {

        @Test
        void answersEachRequestBeforeTheNextIsSent() throws Exception {
            Responses responses = new Responses();
            StreamObserver<GetRateRequest> requests = async.streamRates(responses);

            // One request at a time, waiting for its answer: a server that answered only after
            // reading more (or after the half-close) would leave next() waiting.
            requests.onNext(rateRequest("EUR", "USD"));
            assertThat(responses.next().getRate()).isEqualTo("1.0823");
            requests.onNext(rateRequest("USD", "JPY"));
            assertThat(responses.next().getRate()).isEqualTo("150.0230989559272");
            requests.onNext(rateRequest("GBP", "GBP"));
            Rate third = responses.next();
            assertThat(third.getBase()).isEqualTo("GBP");
            assertThat(third.getRate()).isEqualTo("1");
            requests.onCompleted();

            assertThat(responses.end()).isEqualTo(Status.OK);
        }

        @Test
        void aBadCodeEndsTheStreamWithTheStatusGetRateWouldGive() throws Exception {
            Responses responses = new Responses();
            StreamObserver<GetRateRequest> requests = async.streamRates(responses);
            requests.onNext(rateRequest("EUR", "CHF"));
            assertThat(responses.next().getRate()).isEqualTo("0.94215");
            requests.onNext(rateRequest("EUR", "chf"));

            Status status = responses.end();
            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).startsWith("quote \"chf\" is not a currency code");
            requests.onCompleted();
        }

        @Test
        void anUnknownCodeEndsTheStreamWithNotFound() throws Exception {
            Responses responses = new Responses();
            StreamObserver<GetRateRequest> requests = async.streamRates(responses);
            requests.onNext(rateRequest("XXX", "EUR"));

            Status status = responses.end();
            assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).startsWith("base \"XXX\" is not a supported currency");
            requests.onCompleted();
        }

        @Test
        void anEmptyStreamEndsOk() throws Exception {
            Responses responses = new Responses();
            async.streamRates(responses).onCompleted();

            assertThat(responses.end()).isEqualTo(Status.OK);
        }
    }

    /** The one answer of a unary-response call, or its failure. */
    static final class Result<T> implements StreamObserver<T> {
        private final CompletableFuture<T> value = new CompletableFuture<>();

        @Override
        public void onNext(T message) {
            value.complete(message);
        }

        @Override
        public void onError(Throwable t) {
            value.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            value.complete(null);
        }

        T value() throws Exception {
            return value.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }

        Status failure() throws Exception {
            try {
                T unexpected = value.get(WAIT_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError("expected the call to fail, but it answered " + unexpected);
            } catch (java.util.concurrent.ExecutionException e) {
                return Status.fromThrowable(e.getCause());
            }
        }
    }

    /** A response stream read one message at a time, then its end. */
    static final class Responses implements StreamObserver<Rate> {
        private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public void onNext(Rate rate) {
            events.add(rate);
        }

        @Override
        public void onError(Throwable t) {
            events.add(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            events.add(Status.OK);
        }

        Rate next() throws InterruptedException {
            Object event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(event).as("the next response").isInstanceOf(Rate.class);
            return (Rate) event;
        }

        Status end() throws InterruptedException {
            Object event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(event).as("the end of the stream").isInstanceOf(Status.class);
            return (Status) event;
        }
    }
}
