package io.chassis.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, so caches, thresholds and state machines are tested without
 * sleeping. Pass it to {@code Chassis.builder().clock(..)}. Thread-safe.
 */
public final class TestClock extends Clock {

    private volatile Instant now;

    /** Starts at 2025-01-01T00:00:00Z. */
    public TestClock() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** @param start the first instant this clock tells */
    public TestClock(Instant start) {
        this.now = start;
    }

    /**
     * Moves the clock forward.
     *
     * @param by how far; must not be negative
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a test clock moves forward only, but was asked to move " + by);
        }
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
