package io.chassis.logging;

/** Output format of the Chassis log lines, chosen by {@code chassis.logging.format}. */
public enum LogFormat {
    /** One JSON object per line: for production and log shippers. */
    JSON,
    /** Readable single lines: for local development. */
    TEXT
}
