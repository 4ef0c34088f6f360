package io.chassis.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes encoded lines to the process's stdout through a 64 KiB buffer, flushed at the end of each
 * batch the async appender writes (see {@code DropCountingAsyncAppender}) rather than after every line: under load
 * many lines leave in one {@code write(2)}, when idle each line leaves at once. A line is never split
 * across two writes unless it is longer than the buffer. Like logback's console appender it follows
 * {@code System.setOut}; stopping flushes but leaves stdout open.
 *
 * <p>It also takes lines encoded elsewhere ({@link #writeLines}, from {@link AccessLines}, which
 * it stops first when it stops).
 */
public final class StdoutAppender extends OutputStreamAppender<ILoggingEvent> implements Flushable {

    static final int BUFFER_SIZE = 64 * 1024;

    private AccessLines accessLines;

    /** Creates the appender; it writes to whatever {@code System.out} is at the time of each write. */
    public StdoutAppender() {
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(new CurrentStdout(), BUFFER_SIZE));
    }

    private StdoutAppender(OutputStream out) {
        setOutputStream(out);
    }

    /** An appender writing each line to {@code out} at once, unbuffered (tests and embedders read it right away). */
    static StdoutAppender to(OutputStream out) {
        return new StdoutAppender(out);
    }

    /** Makes {@code lines} write here; they are written out and stopped when this appender stops. */
    void setAccessLines(AccessLines lines) {
        this.accessLines = lines;
    }

    /** @return the access-line writer that writes here, or null */
    public AccessLines accessLines() {
        return accessLines;
    }

    /**
     * Writes whole encoded lines and flushes them, between (never inside) the lines of logged events.
     *
     * @return {@code false} when they could not be written (this appender was stopped and its
     *     stream let go, or the stream failed)
     */
    boolean writeLines(byte[] bytes, int offset, int length) {
        streamWriteLock.lock();
        try {
            OutputStream out = getOutputStream();
            if (out == null) {
                return false;
            }
            out.write(bytes, offset, length);
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            addError("Could not write access-log lines", e);
            return false;
        } finally {
            streamWriteLock.unlock();
        }
    }

    @Override
    public void stop() {
        if (accessLines != null) {
            accessLines.close();
        }
        super.stop();
    }

    /** Forwards whole buffers to the current {@code System.out}, and never closes it. */
    private static final class CurrentStdout extends OutputStream {
        @Override
        public void write(int b) {
            System.out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            System.out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            System.out.flush();
        }
    }

    /** Writes out whatever is buffered. */
    @Override
    public void flush() {
        streamWriteLock.lock();
        try {
            getOutputStream().flush();
        } catch (IOException e) {
            addError("Could not flush stdout", e);
        } finally {
            streamWriteLock.unlock();
        }
    }
}
