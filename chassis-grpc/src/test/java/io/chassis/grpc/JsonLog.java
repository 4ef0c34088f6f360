package io.chassis.grpc;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.MdcJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.composite.loggingevent.StackTraceJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.slf4j.LoggerFactory;

/**
 * Captures the events of some loggers (with the MDC of the moment, as an asynchronous appender
 * does) and renders each as the JSON line chassis-logging writes: message, logger, the MDC entries
 * and the key-value pairs as fields, the stack trace.
 */
final class JsonLog implements AutoCloseable {

    /** A field twice on one line (e.g. request_id from the MDC and as a key-value pair) fails the parse. */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<Logger> loggers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        {
            list = new java.util.concurrent.CopyOnWriteArrayList<>(); // calls log on other threads while a test reads
        }

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private final LoggingEventCompositeJsonEncoder encoder = new LoggingEventCompositeJsonEncoder();

    private JsonLog(String... names) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        MessageJsonProvider message = new MessageJsonProvider();
        message.setFieldName("message");
        providers.addMessage(message);
        LoggerNameJsonProvider logger = new LoggerNameJsonProvider();
        logger.setFieldName("logger");
        providers.addLoggerName(logger);
        providers.addMdc(new MdcJsonProvider());
        providers.addKeyValuePairs(new KeyValuePairsJsonProvider());
        StackTraceJsonProvider stackTrace = new StackTraceJsonProvider();
        stackTrace.setFieldName("stack_trace");
        providers.addStackTrace(stackTrace);
        encoder.setContext(context);
        encoder.setProviders(providers);
        encoder.start();
        appender.setContext(context);
        appender.start();
        for (String name : names) {
            Logger l = context.getLogger(name);
            l.addAppender(appender);
            loggers.add(l);
        }
    }

    /** Starts capturing the events of {@code names}. */
    static JsonLog capture(String... names) {
        return new JsonLog(names);
    }

    /** @return the lines logged so far on {@code logger} or a logger below it, as JSON */
    synchronized List<JsonNode> lines(String logger) {
        List<JsonNode> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            String name = event.getLoggerName();
            if (name.equals(logger) || name.startsWith(logger + ".")) {
                lines.add(parse(new String(encoder.encode(event), java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        loggers.forEach(l -> l.detachAppender(appender)); // what was captured stays readable
    }
}
