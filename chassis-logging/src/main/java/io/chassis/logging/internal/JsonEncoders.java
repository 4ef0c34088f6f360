package io.chassis.logging.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import io.chassis.logging.LogFields;
import net.logstash.logback.composite.loggingevent.CallerDataJsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LoggingEventThreadNameJsonProvider;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;

/**
 * Builds the JSON encoder: logstash-logback-encoder's composite encoder with Chassis field names.
 * Jackson does the writing (and escapes control characters); nothing here formats JSON by hand.
 */
public final class JsonEncoders {

    private JsonEncoders() {}

    /**
     * Builds and stops a throwaway encoder, so that the classes the real one needs are loaded and
     * initialised; writes nothing anywhere. Safe before logging is configured: neither logstash
     * nor Jackson log through SLF4J while doing so.
     */
    static void warmUp() {
        try {
            // no event encoded: an event reads the MDC, which is SLF4J's, still being set up
            create(new LoggerContext(), ServiceIdentity.UNKNOWN, false).stop();
        } catch (RuntimeException | LinkageError e) {
            // only a head start: the real encoder reports whatever is wrong
        }
    }

    /** A started encoder writing one JSON object per line. */
    public static Encoder<ILoggingEvent> create(Context context, ServiceIdentity identity, boolean callerData) {
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        LoggingEventFormattedTimestampJsonProvider timestamp = new LoggingEventFormattedTimestampJsonProvider();
        timestamp.setFieldName(LogFields.TIMESTAMP);
        // logstash caches the formatting of its ISO constants (a custom pattern formats from scratch
        // on every event): RFC 3339 in UTC with the clock's full fraction of a second.
        timestamp.setPattern("[ISO_OFFSET_DATE_TIME]");
        timestamp.setTimeZone("UTC");
        providers.addTimestamp(timestamp);
        LogLevelJsonProvider level = new LogLevelJsonProvider();
        level.setFieldName(LogFields.LEVEL);
        providers.addLogLevel(level);
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName(LogFields.LOGGER);
        providers.addLoggerName(logger);
        LoggingEventThreadNameJsonProvider thread = new LoggingEventThreadNameJsonProvider();
        thread.setFieldName(LogFields.THREAD);
        providers.addThreadName(thread);
        MessageJsonProvider message = new MessageJsonProvider();
        message.setFieldName(LogFields.MESSAGE);
        providers.addMessage(message);
        providers.addProvider(new ServiceFieldsJsonProvider(identity));
        providers.addMdc(new MdcJsonProvider());
        providers.addKeyValuePairs(new KeyValuePairsJsonProvider());
        StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
        stackTrace.setFieldName(LogFields.STACK_TRACE);
        providers.addStackTrace(stackTrace);
        if (callerData) {
            providers.addCallerData(new CallerDataJsonProvider());
        }

        LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.start();
        return encoder;
    }
}
