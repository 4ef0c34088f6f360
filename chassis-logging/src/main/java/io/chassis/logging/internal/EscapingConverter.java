package io.chassis.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;

/**
 * Pattern converter {@code %esc(...)}: escapes control characters in whatever its children render,
 * so a CR or LF in a message cannot forge a log line.
 */
public final class EscapingConverter extends CompositeConverter<ILoggingEvent> {

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return ControlChars.escape(in);
    }
}
