package io.chassis.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.chassis.core.spi.AccessLogWriter;
import io.chassis.logging.LogFields;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * The logging module's {@link AccessLogWriter}: each access line is encoded as JSON on the request's
 * thread, into one reused buffer, and its bytes are copied into a chunk; a daemon thread ({@code
 * chassis-access-log}) writes whole chunks to the output appender. No log event, no ring slot and no
 * second pass over the fields: on one core this took the access log from a fifth of the CPU to a
 * tenth (docs/logging.md). The line has the fields and order {@link JsonEncoders} gives an event of
 * {@code chassis.access}: timestamp, level, logger, thread, message, service fields, the thread's
 * MDC, then the access fields.
 *
 * <p>Two chunks of {@code chunkBytes}: producers fill one while the thread writes the other. A line
 * that does not fit (the output is stuck) is dropped and counted, never waited for. Lines reach
 * stdout within about a millisecond: the thread parks when there is nothing to write and is woken by
 * the first line after that; under load it writes what a millisecond gathered in one go. Lines from
 * here and events from the async appender are ordered by their own clocks, not with each other.
 */
public final class AccessLines implements AccessLogWriter {

    static final String LOGGER = "chassis.access";
    private static final long BATCH_NANOS = 1_000_000;

    private final Logger logger;
    private final Logger parent;
    private final StdoutAppender out;
    private final int chunkBytes;
    private final LineEncoder encoder;
    private final MDCAdapter mdc = MDC.getMDCAdapter();
    private final ReentrantLock lock = new ReentrantLock();

    // guarded by lock
    private byte[] active;
    private int used;
    private byte[] spare;
    private boolean writerParked;
    private boolean writeThrough;
    private boolean closed;
    private long appended;
    private long dropped;
    private Thread writer;

    /**
     * @param context where {@code chassis.access} and its parent are looked up (their levels and appenders)
     * @param out where the lines go
     * @param identity the service fields of every line
     * @param chunkBytes the size of each of the two chunks
     */
    AccessLines(LoggerContext context, StdoutAppender out, ServiceIdentity identity, int chunkBytes) {
        this.logger = context.getLogger(LOGGER);
        this.parent = context.getLogger("chassis");
        this.out = out;
        this.chunkBytes = chunkBytes;
        this.encoder = new LineEncoder(identity);
    }

    /**
     * Takes the line when {@code chassis.access} is enabled for INFO and nobody attached an appender to
     * it or its parent (such an appender, say a test's, must see the line as an event: core then
     * logs it through SLF4J).
     */
    @Override
    public boolean enabled() {
        return logger.isInfoEnabled()
                && logger.isAdditive()
                && !logger.iteratorForAppenders().hasNext()
                && parent.isAdditive()
                && !parent.iteratorForAppenders().hasNext();
    }

    @Override
    public void write(Line line) {
        write(line, Instant.now());
    }

    /** {@link #write(Line)} at a given time. */
    void write(Line line, Instant now) {
        String thread = Thread.currentThread().getName();
        Map<String, String> context = mdc();
        boolean wake = false;
        lock.lock();
        try {
            int length;
            try {
                length = encoder.encode(now, thread, context, line);
            } catch (IOException | RuntimeException e) {
                encoder.reset();
                dropped++;
                out.addError("Could not encode an access-log line", e);
                return;
            }
            appended++;
            if (writeThrough) {
                if (!out.writeLines(encoder.bytes(), 0, length)) {
                    dropped++;
                }
                return;
            }
            if (active == null) {
                start();
            }
            if (length > active.length - used) {
                dropped++;
                return;
            }
            System.arraycopy(encoder.bytes(), 0, active, used, length);
            used += length;
            if (writerParked) {
                writerParked = false;
                wake = true;
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            LockSupport.unpark(writer);
        }
    }

    /** The thread's MDC (logback's read-only view, copied only after a change), or null. */
    private Map<String, String> mdc() {
        return mdc instanceof LogbackMDCAdapter logback ? logback.getPropertyMap() : mdc.getCopyOfContextMap();
    }

    /** Lines given to {@link #write} so far (written or dropped). */
    public long appended() {
        lock.lock();
        try {
            return appended;
        } finally {
            lock.unlock();
        }
    }

    /** Lines dropped so far because the chunks were full (or a line could not be encoded). */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every line taken so far has been written to the output appender.
     *
     * @return {@code false} on timeout or interrupt
     */
    public boolean awaitWritten(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Writes what is pending (waiting up to {@code timeout}), then has every later line written at
     * once by the thread that logs it: for the last moments of the JVM, when nobody may be left to
     * wait for the writing thread.
     *
     * @return {@code true} if everything pending was written
     */
    public boolean drainAndWriteThrough(Duration timeout) {
        boolean drained = awaitWritten(timeout);
        lock.lock();
        try {
            writeThrough = true;
        } finally {
            lock.unlock();
        }
        return drained;
    }

    /** Writes what is pending, ends the writing thread; later lines are written at once. */
    void close() {
        drainAndWriteThrough(Duration.ofSeconds(1));
        Thread thread;
        lock.lock();
        try {
            closed = true;
            thread = writer;
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private boolean pending() {
        lock.lock();
        try {
            // spare is null while the writing thread holds that chunk
            return used > 0 || (active != null && spare == null);
        } finally {
            lock.unlock();
        }
    }

    /** Allocates the chunks and starts the writing thread: on the first line, not for a JVM that never logs one. */
    private void start() {
        active = new byte[chunkBytes];
        spare = new byte[chunkBytes];
        writer = new Thread(this::writeChunks, "chassis-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    private void writeChunks() {
        while (true) {
            byte[] full = null;
            int length = 0;
            lock.lock();
            try {
                if (used > 0) {
                    full = active;
                    length = used;
                    active = spare;
                    spare = null;
                    used = 0;
                } else if (closed) {
                    return;
                } else {
                    writerParked = true;
                }
            } finally {
                lock.unlock();
            }
            if (full == null) {
                LockSupport.park(this);
                continue;
            }
            boolean written = out.writeLines(full, 0, length);
            lock.lock();
            try {
                spare = full;
                if (!written) {
                    dropped += countLines(full, length);
                }
            } finally {
                lock.unlock();
            }
            // Under load, gather a millisecond of lines into the next write.
            LockSupport.parkNanos(this, BATCH_NANOS);
        }
    }

    private static int countLines(byte[] chunk, int length) {
        int lines = 0;
        for (int i = 0; i < length; i++) {
            if (chunk[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** Encodes lines with Jackson into one reused buffer; used under the lock only. */
    private static final class LineEncoder {

        private static final JsonFactory FACTORY = new JsonFactory().setRootValueSeparator(null);
        private static final SerializableString TIMESTAMP = new SerializedString(LogFields.TIMESTAMP);
        private static final SerializableString LEVEL = new SerializedString(LogFields.LEVEL);
        private static final SerializableString LOGGER_FIELD = new SerializedString(LogFields.LOGGER);
        private static final SerializableString THREAD = new SerializedString(LogFields.THREAD);
        private static final SerializableString MESSAGE = new SerializedString(LogFields.MESSAGE);
        private static final SerializableString REQUEST_ID = new SerializedString(LogFields.REQUEST_ID);
        private static final SerializableString TLS_PEER = new SerializedString("tls_peer");
        private static final SerializableString METHOD = new SerializedString("method");
        private static final SerializableString PATH = new SerializedString("path");
        private static final SerializableString ROUTE = new SerializedString("route");
        private static final SerializableString STATUS = new SerializedString("status");
        private static final SerializableString DURATION = new SerializedString("duration_ms");
        private static final SerializableString BYTES = new SerializedString("bytes");
        private static final SerializableString REMOTE = new SerializedString("remote");
        private static final SerializableString USER_AGENT = new SerializedString("user_agent");
        private static final DateTimeFormatter SECOND = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

        private static final SerializableString INFO = new SerializedString("INFO");
        private static final SerializableString ACCESS = new SerializedString(LOGGER);
        private static final SerializableString REQUEST = new SerializedString("request");

        /** The service fields, quoted and escaped once. */
        private final SerializableString[][] service;

        private final Buffer buffer = new Buffer();
        private JsonGenerator generator;
        /** The timestamp up to its second, formatted once per second; then the fraction and 'Z'. */
        private final char[] timestamp = new char[64];

        private long second = Long.MIN_VALUE;
        private int secondLength;

        LineEncoder(ServiceIdentity identity) {
            List<SerializableString[]> fields = new ArrayList<>();
            addIfPresent(fields, LogFields.SERVICE, identity.name());
            addIfPresent(fields, LogFields.VERSION, identity.version());
            addIfPresent(fields, LogFields.PROFILE, identity.profile());
            this.service = fields.toArray(new SerializableString[0][]);
        }

        private static void addIfPresent(List<SerializableString[]> fields, String name, String value) {
            if (value != null) {
                fields.add(new SerializableString[] {new SerializedString(name), new SerializedString(value)});
            }
        }

        byte[] bytes() {
            return buffer.bytes;
        }

        /** Starts over with a new generator, after one failed in the middle of a line. */
        void reset() {
            generator = null;
        }

        /** @return the length of the encoded line in {@link #bytes()}, its newline included */
        int encode(Instant now, String thread, Map<String, String> mdc, Line line) throws IOException {
            buffer.clear();
            if (generator == null) {
                generator = FACTORY.createGenerator(buffer);
            }
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeFieldName(TIMESTAMP);
            g.writeString(timestamp, 0, formatTimestamp(now));
            g.writeFieldName(LEVEL);
            g.writeString(INFO);
            g.writeFieldName(LOGGER_FIELD);
            g.writeString(ACCESS);
            g.writeFieldName(THREAD);
            g.writeString(thread);
            g.writeFieldName(MESSAGE);
            g.writeString(REQUEST);
            for (SerializableString[] field : service) {
                g.writeFieldName(field[0]);
                g.writeString(field[1]);
            }
            Map<String, String> attached = line.context();
            boolean idWritten = false;
            if (mdc != null && !mdc.isEmpty()) {
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    if (!attached.containsKey(entry.getKey())) {
                        g.writeStringField(entry.getKey(), entry.getValue());
                        idWritten |= entry.getKey().equals(LogFields.REQUEST_ID);
                    }
                }
            }
            for (Map.Entry<String, String> entry : attached.entrySet()) {
                g.writeStringField(entry.getKey(), entry.getValue());
                idWritten |= entry.getKey().equals(LogFields.REQUEST_ID);
            }
            if (!idWritten) {
                writeIfPresent(g, REQUEST_ID, line.requestId());
            }
            writeIfPresent(g, TLS_PEER, line.tlsPeer());
            writeIfPresent(g, METHOD, line.method());
            writeIfPresent(g, PATH, line.path());
            writeIfPresent(g, ROUTE, line.route());
            g.writeFieldName(STATUS);
            g.writeNumber(line.status());
            g.writeFieldName(DURATION);
            g.writeNumber(line.durationMs());
            g.writeFieldName(BYTES);
            g.writeNumber(line.bytes());
            writeIfPresent(g, REMOTE, line.remote());
            writeIfPresent(g, USER_AGENT, line.userAgent());
            g.writeEndObject();
            g.flush();
            buffer.write('\n');
            return buffer.length;
        }

        /** RFC 3339 in UTC with the clock's fraction of a second, trailing zeros dropped (as JsonEncoders' pattern). */
        private int formatTimestamp(Instant now) {
            long epochSecond = now.getEpochSecond();
            if (epochSecond != second) {
                String text = SECOND.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
                text.getChars(0, text.length(), timestamp, 0);
                secondLength = text.length();
                second = epochSecond;
            }
            int end = secondLength;
            int nanos = now.getNano();
            if (nanos != 0) {
                timestamp[end] = '.';
                int digits = 9;
                while (nanos % 10 == 0) {
                    nanos /= 10;
                    digits--;
                }
                for (int i = end + digits; i > end; i--) {
                    timestamp[i] = (char) ('0' + nanos % 10);
                    nanos /= 10;
                }
                end += digits + 1;
            }
            timestamp[end] = 'Z';
            return end + 1;
        }

        private static void writeIfPresent(JsonGenerator g, SerializableString field, String value) throws IOException {
            if (value != null) {
                g.writeFieldName(field);
                g.writeString(value);
            }
        }
    }

    /** A growable byte array the generator writes into; read in place, never copied out. */
    private static final class Buffer extends OutputStream {
        private static final int INITIAL = 1024;
        byte[] bytes = new byte[INITIAL];
        int length;

        /** Empties the buffer, giving back what one huge line (a long header) made it grow to. */
        void clear() {
            length = 0;
            if (bytes.length > 64 * INITIAL) {
                bytes = new byte[INITIAL];
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int count) {
            ensure(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
