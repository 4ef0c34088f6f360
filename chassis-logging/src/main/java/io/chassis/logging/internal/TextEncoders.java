package io.chassis.logging.internal;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the text encoder for local development: one readable line per event, with the request,
 * trace and span ids from the MDC and the event's key-value pairs. Message, thread, ids and pairs
 * are escaped so CR/LF cannot forge a line; a stack trace, if any, follows on its own lines.
 */
public final class TextEncoders {

    private static final String PATTERN =
            "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%safeThread] %logger{36}" + "%chassisIds - %safeMsg%chassisKv%n";
    private static final String PATTERN_WITH_CALLER = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%safeThread]"
            + " %logger{36}:%line%chassisIds - %safeMsg%chassisKv%n";

    private TextEncoders() {}

    /** A started encoder writing one text line per event (plus stack trace lines). */
    public static Encoder<ILoggingEvent> create(Context context, boolean callerData) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("safeMsg", SafeMessageConverter::new);
        layout.getInstanceConverterMap().put("safeThread", SafeThreadConverter::new);
        layout.getInstanceConverterMap().put("chassisIds", TextContextConverter::new);
        layout.getInstanceConverterMap().put("chassisKv", TextKeyValueConverter::new);
        layout.setPattern(callerData ? PATTERN_WITH_CALLER : PATTERN);
        layout.start();

        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
