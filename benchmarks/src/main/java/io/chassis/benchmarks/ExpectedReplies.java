package io.chassis.benchmarks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.chassis.examples.currency.CurrencyServiceImpl;
import io.chassis.examples.currency.Rates;
import io.chassis.examples.currency.v1.GetRateRequest;
import io.chassis.examples.currency.v1.ListCurrenciesRequest;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What an OK answer to each request frame {@code benchmarks/grpc.sh} sends with h2load looks like:
 * how many messages and how many gRPC DATA bytes (5-byte prefix + message, per message). h2load
 * counts a failed call as HTTP 200, so the script compares the DATA bytes h2load received with
 * calls × these bytes. They are computed by decoding the frame and calling the example's own
 * {@link CurrencyServiceImpl} with it, so they follow the frame files and the rate table.
 *
 * <p>Usage: {@code ExpectedReplies <frame directory>}; prints one line per call, {@code <method>
 * <bytes per call> <messages per call>}, for {@code GetRate} and {@code ListCurrencies}.
 */
public final class ExpectedReplies {

    /** The GetRate frame: GetRateRequest{base EUR, quote USD}. */
    static final String GET_RATE_FRAME = "getrate-eur-usd.bin";

    /** The ListCurrencies frame: the empty ListCurrenciesRequest. */
    static final String LIST_CURRENCIES_FRAME = "listcurrencies.bin";

    private ExpectedReplies() {}

    /** The answer to one call: its messages in order. */
    record Reply(List<MessageLite> messages) {

        /** @return DATA bytes of the answer: every message with its 5-byte gRPC prefix */
        int bytes() {
            return messages.stream().mapToInt(m -> 5 + m.getSerializedSize()).sum();
        }
    }

    public static void main(String[] args) throws IOException {
        Path frames = Path.of(args.length > 0 ? args[0] : "benchmarks/h2load");
        CurrencyServiceImpl service = new CurrencyServiceImpl(Rates.fixed());
        print("GetRate", getRate(service, frames.resolve(GET_RATE_FRAME)));
        print("ListCurrencies", listCurrencies(service, frames.resolve(LIST_CURRENCIES_FRAME)));
    }

    static Reply getRate(CurrencyServiceImpl service, Path frame) throws IOException {
        return call(decode(frame, GetRateRequest.parser()), service::getRate);
    }

    static Reply listCurrencies(CurrencyServiceImpl service, Path frame) throws IOException {
        return call(decode(frame, ListCurrenciesRequest.parser()), service::listCurrencies);
    }

    /**
     * @return the one message of a frame file: flag 0 (uncompressed), 4-byte length, the message
     * @throws IOException when the file is not exactly one such message of that type
     */
    static <Q> Q decode(Path frame, Parser<Q> parser) throws IOException {
        byte[] file = Files.readAllBytes(frame);
        if (file.length < 5 || file[0] != 0 || ByteBuffer.wrap(file, 1, 4).getInt() != file.length - 5) {
            throw new IOException(frame + " is not one uncompressed length-prefixed gRPC message");
        }
        try {
            return parser.parseFrom(ByteBuffer.wrap(file, 5, file.length - 5));
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(frame + ": " + e.getMessage(), e);
        }
    }

    /** Calls a service method directly; an error instead of a completed answer is a mistake in the frame. */
    private static <Q, R extends MessageLite> Reply call(Q request, BiConsumer<Q, StreamObserver<R>> method) {
        List<MessageLite> messages = new ArrayList<>();
        boolean[] completed = {false};
        method.accept(request, new StreamObserver<R>() {
            @Override
            public void onNext(R message) {
                messages.add(message);
            }

            @Override
            public void onError(Throwable error) {
                throw new IllegalStateException("the request " + request + " fails: " + error.getMessage(), error);
            }

            @Override
            public void onCompleted() {
                completed[0] = true;
            }
        });
        if (!completed[0]) {
            throw new IllegalStateException("the call did not complete: " + request);
        }
        return new Reply(List.copyOf(messages));
    }

    private static void print(String method, Reply reply) {
        System.out.println(method + " " + reply.bytes() + " " + reply.messages().size());
    }
}
