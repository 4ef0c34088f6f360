package io.chassis.logging.internal;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Pattern converter {@code %safeThread}: the thread name with control characters escaped. */
public final class SafeThreadConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ControlChars.escape(event.getThreadName());
    }
}
