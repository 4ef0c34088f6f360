package io.chassis.examples.currency;

import com.google.protobuf.Timestamp;
import io.chassis.examples.currency.v1.BatchSummary;
import io.chassis.examples.currency.v1.ConvertRequest;
import io.chassis.examples.currency.v1.ConvertResponse;
import io.chassis.examples.currency.v1.Currency;
import io.chassis.examples.currency.v1.CurrencyServiceGrpc;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.examples.currency.v1.ListCurrenciesRequest;
import io.chassis.examples.currency.v1.Rate;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code currency.v1.CurrencyService} over a {@link Rates} table. It knows nothing of Chassis:
 * the service's main registers it with chassis-grpc, and a bare grpc-java server can serve it as
 * well (the benchmarks do).
 *
 * <p>Errors: a malformed code or amount is {@code INVALID_ARGUMENT}, a well-formed code that is
 * not in the table is {@code NOT_FOUND}; the status message is {@link Rates.Rejected}'s, which
 * names the field. In {@code ConvertBatch} and {@code StreamRates} the first refused request ends
 * the call with that status; later messages of the call are ignored.
 */
public final class CurrencyServiceImpl extends CurrencyServiceGrpc.CurrencyServiceImplBase {

    private final Rates rates;
    private final Map<Rates.Quote, Rate> rateMessages = new IdentityHashMap<>();
    private final List<Currency> currencyMessages;

    /** @param rates the table every call reads */
    public CurrencyServiceImpl(Rates rates) {
        this.rates = rates;
        Timestamp asOf = Timestamp.newBuilder()
                .setSeconds(rates.asOf().getEpochSecond())
                .setNanos(rates.asOf().getNano())
                .build();
        // Every answer GetRate and StreamRates can give, built once.
        for (Rates.Currency base : rates.currencies()) {
            for (Rates.Currency quote : rates.currencies()) {
                Rates.Quote rate = rates.rate(base.code(), quote.code());
                rateMessages.put(
                        rate,
                        Rate.newBuilder()
                                .setBase(base.code())
                                .setQuote(quote.code())
                                .setRate(rate.text())
                                .setAsOf(asOf)
                                .build());
            }
        }
        this.currencyMessages = rates.currencies().stream()
                .map(c -> Currency.newBuilder()
                        .setCode(c.code())
                        .setName(c.name())
                        .build())
                .toList();
    }

    @Override
    public void getRate(GetRateRequest request, StreamObserver<Rate> responses) {
        Rate rate;
        try {
            rate = rate(request);
        } catch (Rates.Rejected e) {
            responses.onError(status(e));
            return;
        }
        responses.onNext(rate);
        responses.onCompleted();
    }

    @Override
    public void convert(ConvertRequest request, StreamObserver<ConvertResponse> responses) {
        Rates.Conversion conversion;
        try {
            conversion = rates.convert(request.getBase(), request.getQuote(), request.getAmount());
        } catch (Rates.Rejected e) {
            responses.onError(status(e));
            return;
        }
        responses.onNext(ConvertResponse.newBuilder()
                .setBase(request.getBase())
                .setQuote(request.getQuote())
                .setAmount(conversion.amount())
                .setConverted(conversion.convertedText())
                .setRate(conversion.rate().text())
                .build());
        responses.onCompleted();
    }

    @Override
    public void listCurrencies(ListCurrenciesRequest request, StreamObserver<Currency> responses) {
        currencyMessages.forEach(responses::onNext);
        responses.onCompleted();
    }

    @Override
    public StreamObserver<ConvertRequest> convertBatch(StreamObserver<BatchSummary> responses) {
        Rates.Batch batch = rates.batch();
        return new StreamObserver<>() {
            private boolean ended;

            @Override
            public void onNext(ConvertRequest request) {
                if (ended) {
                    return;
                }
                try {
                    batch.convert(request.getBase(), request.getQuote(), request.getAmount());
                } catch (Rates.Rejected e) {
                    ended = true;
                    responses.onError(status(e));
                }
            }

            @Override
            public void onError(Throwable cancelled) {
                ended = true; // the client went away; there is no one to answer
            }

            @Override
            public void onCompleted() {
                if (ended) {
                    return;
                }
                ended = true;
                responses.onNext(BatchSummary.newBuilder()
                        .setCount(batch.count())
                        .putAllTotals(batch.totals())
                        .build());
                responses.onCompleted();
            }
        };
    }

    @Override
    public StreamObserver<GetRateRequest> streamRates(StreamObserver<Rate> responses) {
        // grpc-java asks the client for the next message only after onNext returns, so each answer
        // is on its way before the next request is read.
        return new StreamObserver<>() {
            private boolean ended;

            @Override
            public void onNext(GetRateRequest request) {
                if (ended) {
                    return;
                }
                Rate rate;
                try {
                    rate = rate(request);
                } catch (Rates.Rejected e) {
                    ended = true;
                    responses.onError(status(e));
                    return;
                }
                responses.onNext(rate);
            }

            @Override
            public void onError(Throwable cancelled) {
                ended = true;
            }

            @Override
            public void onCompleted() {
                if (!ended) {
                    ended = true;
                    responses.onCompleted();
                }
            }
        };
    }

    private Rate rate(GetRateRequest request) {
        return rateMessages.get(rates.rate(request.getBase(), request.getQuote()));
    }

    /** The status for a refused request: INVALID_ARGUMENT or NOT_FOUND, with the field in the message. */
    static StatusRuntimeException status(Rates.Rejected rejected) {
        Status status =
                switch (rejected.problem()) {
                    case MALFORMED -> Status.INVALID_ARGUMENT;
                    case UNSUPPORTED -> Status.NOT_FOUND;
                };
        return status.withDescription(rejected.getMessage()).asRuntimeException();
    }
}
