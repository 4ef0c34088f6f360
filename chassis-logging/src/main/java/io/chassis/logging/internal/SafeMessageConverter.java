package io.chassis.logging.internal;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Pattern converter {@code %safeMsg}: the formatted message with control characters escaped, so a
 * CR or LF in a message cannot forge a log line.
 */
public final class SafeMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ControlChars.escape(event.getFormattedMessage());
    }
}
