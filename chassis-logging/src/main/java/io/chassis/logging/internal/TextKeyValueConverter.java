package io.chassis.logging.internal;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * Pattern converter {@code %chassisKv}: renders the SLF4J 2 key-value pairs of an event as
 * {@code  key=value} pairs after the message, escaped.
 */
public final class TextKeyValueConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (KeyValuePair pair : pairs) {
            if (pair.key == null) {
                continue;
            }
            out.append(' ');
            ControlChars.appendEscaped(out, pair.key);
            out.append('=');
            ControlChars.appendEscaped(out, String.valueOf(pair.value));
        }
        return out.toString();
    }
}
