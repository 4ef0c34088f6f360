package io.chassis.logging.internal;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.chassis.logging.LogFields;
import java.util.Map;

/**
 * Pattern converter {@code %chassisIds}: renders {@code  [request_id=.. trace_id=.. span_id=..]} for
 * the ids present in the MDC, or nothing when none is. Values are escaped.
 */
public final class TextContextConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
            return "";
        }
        StringBuilder out = null;
        for (String key : LogFields.TEXT_MDC_KEYS) {
            String value = mdc.get(key);
            if (value == null) {
                continue;
            }
            out = out == null ? new StringBuilder(" [") : out.append(' ');
            out.append(key).append('=');
            ControlChars.appendEscaped(out, value);
        }
        return out == null ? "" : out.append(']').toString();
    }
}
