package io.chassis.logging;

import java.util.List;

/**
 * Names of the fields Chassis writes in every JSON log line, and of the MDC keys it recognises.
 *
 * <p>Code that puts request or trace identifiers into the SLF4J {@code MDC} should use
 * {@link #REQUEST_ID}, {@link #TRACE_ID} and {@link #SPAN_ID} as keys: they appear as top-level JSON
 * fields of the same name and, in text format, next to the logger name.
 */
public final class LogFields {

    /** Event time, ISO-8601 in UTC. */
    public static final String TIMESTAMP = "timestamp";
    /** Level name: TRACE, DEBUG, INFO, WARN, ERROR. */
    public static final String LEVEL = "level";
    /** Logger name. */
    public static final String LOGGER = "logger";
    /** Name of the thread that logged. */
    public static final String THREAD = "thread";
    /** Formatted message. */
    public static final String MESSAGE = "message";
    /** Service name from {@code chassis.service.name}. */
    public static final String SERVICE = "service";
    /** Service version from {@code chassis.service.version}. */
    public static final String VERSION = "version";
    /** Active profile(s) from the config module, comma separated. */
    public static final String PROFILE = "profile";
    /** Stack trace of the logged throwable, if any. */
    public static final String STACK_TRACE = "stack_trace";
    /** MDC key (and JSON field) for the request id. */
    public static final String REQUEST_ID = "request_id";
    /** MDC key (and JSON field) for the trace id. */
    public static final String TRACE_ID = "trace_id";
    /** MDC key (and JSON field) for the span id. */
    public static final String SPAN_ID = "span_id";

    /** The MDC keys shown in text format, in display order. */
    public static final List<String> TEXT_MDC_KEYS = List.of(REQUEST_ID, TRACE_ID, SPAN_ID);

    private LogFields() {}
}
