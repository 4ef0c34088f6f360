package io.chassis.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.chassis.logging.DropCountingAsyncAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.MDC;

/** A fresh logback context wired from resolved settings into memory. */
final class CapturedContext implements AutoCloseable {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final DropCountingAsyncAppender async;

    private CapturedContext(ResolvedSettings resolved) {
        context.setMDCAdapter(MDC.getMDCAdapter());
        context.start();
        async = LogbackWiring.install(context, resolved.settings(), resolved.identity(), out);
    }

    static CapturedContext wire(ResolvedSettings resolved) {
        return new CapturedContext(resolved);
    }

    LoggerContext context() {
        return context;
    }

    /** The access-line writer of the JSON output, or null in text format. */
    AccessLines accessLines() {
        return ((StdoutAppender) async.getAppender(LogbackWiring.OUTPUT_APPENDER)).accessLines();
    }

    List<String> lines() {
        assertThat(async.awaitDrained(Duration.ofSeconds(10))).isTrue();
        if (accessLines() != null) {
            assertThat(accessLines().awaitWritten(Duration.ofSeconds(10))).isTrue();
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Override
    public void close() {
        context.stop();
    }
}
