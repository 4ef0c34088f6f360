package io.chassis.logging.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import io.chassis.logging.DropCountingAsyncAppender;
import io.chassis.logging.LogFormat;
import io.chassis.logging.LoggingSettings;
import java.io.OutputStream;

/** Puts the Chassis appenders and levels into a logback {@link LoggerContext}. */
public final class LogbackWiring {

    /** Name of the async appender attached to the root logger. */
    public static final String ASYNC_APPENDER = "CHASSIS_ASYNC";
    /** Name of the appender that writes the encoded lines. */
    public static final String OUTPUT_APPENDER = "CHASSIS_OUT";

    private LogbackWiring() {}

    /**
     * Attaches {@code encoder -> output -> async queue} to the root logger and applies the levels. In
     * JSON format the output also gets the {@link AccessLines} the logging module hands to core.
     *
     * @param out where lines go; {@code null} means the process's stdout
     * @return the async appender, started
     */
    public static DropCountingAsyncAppender install(
            LoggerContext context, LoggingSettings settings, ServiceIdentity identity, OutputStream out) {
        Encoder<ILoggingEvent> encoder = settings.format() == LogFormat.TEXT
                ? TextEncoders.create(context, settings.includeCallerData())
                : JsonEncoders.create(context, identity, settings.includeCallerData());
        StdoutAppender output = out == null ? new StdoutAppender() : StdoutAppender.to(out);
        if (settings.format() == LogFormat.JSON) {
            // ~128 bytes per event the async queue may hold, in each of the two chunks
            output.setAccessLines(new AccessLines(
                    context,
                    output,
                    identity,
                    Math.max(64 * 1024, settings.async().queueSize() * 128)));
        }
        output.setContext(context);
        output.setName(OUTPUT_APPENDER);
        output.setEncoder(encoder);
        output.start();

        DropCountingAsyncAppender async = new DropCountingAsyncAppender();
        async.setContext(context);
        async.setName(ASYNC_APPENDER);
        async.setQueueSize(settings.async().queueSize());
        async.setMaxFlushTime(Math.toIntExact(settings.async().maxFlushTime().toMillis()));
        async.setIncludeCallerData(settings.includeCallerData());
        async.addAppender(output);
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(async);
        settings.effectiveLevels()
                .forEach((name, level) -> context.getLogger(name).setLevel(LevelNames.parse(level)));
        return async;
    }

    /** Registers a JVM shutdown hook that stops {@code context}, writing what is still queued. */
    public static void addShutdownHook(LoggerContext context) {
        DefaultShutdownHook hook = new DefaultShutdownHook();
        hook.setContext(context);
        Thread thread = new Thread(hook, "chassis-logging-shutdown");
        context.putObject(CoreConstants.SHUTDOWN_HOOK_THREAD, thread);
        Runtime.getRuntime().addShutdownHook(thread);
    }
}
