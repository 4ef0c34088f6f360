package io.chassis.logging;

import org.slf4j.LoggerFactory;

/** Run in a child JVM by {@link UserLogbackXmlIT}: logs one line through SLF4J and stops logging. */
public final class ChildMain {

    private ChildMain() {}

    public static void main(String[] args) {
        LoggerFactory.getLogger("io.chassis.child").info("hello from child");
        ChassisLogging.stop();
    }
}
