package io.chassis.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.chassis.grpc.test.v1.Book;
import io.chassis.grpc.test.v1.BookRef;
import io.chassis.grpc.test.v1.Count;
import io.chassis.grpc.test.v1.CreateBookRequest;
import io.chassis.grpc.test.v1.Everything;
import io.chassis.grpc.test.v1.FailRequest;
import io.chassis.grpc.test.v1.GetBookRequest;
import io.chassis.grpc.test.v1.LibraryServiceGrpc;
import io.chassis.grpc.test.v1.ListBooksRequest;
import io.chassis.grpc.test.v1.ListBooksResponse;
import io.chassis.grpc.test.v1.SlowReply;
import io.chassis.grpc.test.v1.SlowRequest;
import io.chassis.grpc.test.v1.UpdateBookRequest;
import io.chassis.grpc.test.v1.UpdateBookResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The gateway tests' service: answers what it received, so the tests see the transcoding. */
final class LibraryServiceImpl extends LibraryServiceGrpc.LibraryServiceImplBase {

    /** The metadata keys the service reports back in ListBooksResponse.metadata. */
    static final List<String> REPORTED = List.of(
            "authorization",
            "accept-language",
            "x-request-id",
            "traceparent",
            "b3",
            "uber-trace-id",
            "x-tenant",
            "x-secret",
            "cookie");

    private static final Context.Key<Map<String, String>> METADATA = Context.key("library-metadata");

    /** Keeps the reported metadata of each call in its context. */
    static final ServerInterceptor CAPTURE = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            Map<String, String> seen = new TreeMap<>();
            for (String key : REPORTED) {
                String value = headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
                if (value != null) {
                    seen.put(key, value);
                }
            }
            return Contexts.interceptCall(Context.current().withValue(METADATA, seen), call, headers, next);
        }
    };

    /** Shelf "paced": each book after the first waits for a permit, so a test sees lines arrive one by one. */
    final java.util.concurrent.Semaphore next = new java.util.concurrent.Semaphore(0);

    /** Inspect calls that reached the service. */
    final java.util.concurrent.atomic.AtomicInteger inspected = new java.util.concurrent.atomic.AtomicInteger();

    /** Counted down when a Slow call saw its cancellation. */
    volatile CountDownLatch slowCancelled = new CountDownLatch(1);

    @Override
    public void getBook(GetBookRequest request, StreamObserver<Book> response) {
        answer(
                response,
                Book.newBuilder()
                        .setId(request.getName())
                        .setTitle("got " + request.getName())
                        .build());
    }

    @Override
    public void listBooks(ListBooksRequest request, StreamObserver<ListBooksResponse> response) {
        Map<String, String> seen = METADATA.get();
        answer(
                response,
                ListBooksResponse.newBuilder()
                        .setRequest(request)
                        .putAllMetadata(seen == null ? Map.of() : seen)
                        .build());
    }

    @Override
    public void createBook(CreateBookRequest request, StreamObserver<Book> response) {
        answer(
                response,
                request.getBook().toBuilder()
                        .setTitle(request.getBook().getTitle() + " (" + request.getNote() + ")")
                        .build());
    }

    @Override
    public void updateBook(UpdateBookRequest request, StreamObserver<UpdateBookResponse> response) {
        answer(
                response,
                UpdateBookResponse.newBuilder()
                        .setBook(request.getBook())
                        .setAppliedMask(request.getUpdateMask())
                        .build());
    }

    @Override
    public void putBook(Book request, StreamObserver<Book> response) {
        answer(response, request);
    }

    @Override
    public void deleteBook(BookRef request, StreamObserver<Empty> response) {
        answer(response, Empty.getDefaultInstance());
    }

    @Override
    public void archiveBook(BookRef request, StreamObserver<Book> response) {
        answer(
                response,
                Book.newBuilder()
                        .setShelf(request.getShelf())
                        .setId(Long.toString(request.getNumber()))
                        .setTitle("archived")
                        .build());
    }

    @Override
    public void countBooks(BookRef request, StreamObserver<Count> response) {
        answer(
                response,
                Count.newBuilder()
                        .setShelf(request.getShelf())
                        .setTotal(12_345_678_901L)
                        .build());
    }

    @Override
    public void peekBook(BookRef request, StreamObserver<Book> response) {
        answer(response, Book.newBuilder().setShelf(request.getShelf()).build());
    }

    @Override
    public void streamBooks(ListBooksRequest request, StreamObserver<Book> response) {
        if (request.getShelf().equals("missing")) {
            response.onError(
                    Status.NOT_FOUND.withDescription("no shelf missing").asRuntimeException());
            return;
        }
        int count = request.getPageSize();
        boolean paced = request.getShelf().equals("paced");
        for (int i = 1; i <= count; i++) {
            if (paced && i > 1) {
                try {
                    if (!next.tryAcquire(10, TimeUnit.SECONDS)) {
                        response.onError(Status.DEADLINE_EXCEEDED
                                .withDescription("nobody asked for more")
                                .asRuntimeException());
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (request.getFailAfter() > 0 && i > request.getFailAfter()) {
                response.onError(Status.NOT_FOUND
                        .withDescription("no book " + i + " on " + request.getShelf())
                        .asRuntimeException());
                return;
            }
            response.onNext(Book.newBuilder()
                    .setShelf(request.getShelf())
                    .setId(Integer.toString(i))
                    .build());
        }
        response.onCompleted();
    }

    @Override
    public void inspect(Everything request, StreamObserver<Everything> response) {
        inspected.incrementAndGet();
        answer(response, request);
    }

    @Override
    public void fail(FailRequest request, StreamObserver<Empty> response) {
        Code code = Code.valueOf(request.getCode());
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage("failing with " + code.name());
        if (code == Code.INVALID_ARGUMENT) {
            status.addDetails(Any.pack(BadRequest.newBuilder()
                    .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField("book.title")
                            .setDescription("must not be empty"))
                    .addFieldViolations(BadRequest.FieldViolation.newBuilder()
                            .setField("book.tags[1]")
                            .setDescription("too long"))
                    .build()));
        }
        if (code == Code.UNAVAILABLE) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(7))
                    .build()));
        }
        if (code == Code.FAILED_PRECONDITION) {
            status.addDetails(Any.pack(ErrorInfo.newBuilder()
                    .setReason("SHELF_LOCKED")
                    .setDomain("library")
                    .build()));
        }
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("x-library-note", Metadata.ASCII_STRING_MARSHALLER), "see trailers");
        io.grpc.StatusRuntimeException e = StatusProto.toStatusRuntimeException(status.build(), trailers);
        response.onError(e);
    }

    @Override
    public void slow(SlowRequest request, StreamObserver<SlowReply> response) {
        io.grpc.Deadline deadline = Context.current().getDeadline();
        long left = deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS);
        CountDownLatch cancelled = new CountDownLatch(1);
        Context.current().addListener(c -> cancelled.countDown(), Runnable::run);
        try {
            if (cancelled.await(request.getMillis(), TimeUnit.MILLISECONDS)) {
                slowCancelled.countDown();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(response, SlowReply.newBuilder().setDeadlineMillisLeft(left).build());
    }

    private static <T> void answer(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
