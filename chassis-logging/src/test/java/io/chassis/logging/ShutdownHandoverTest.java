package io.chassis.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.CoreConstants;
import org.junit.jupiter.api.Test;

/** The programmatic-stop half of the handover; the JVM-exit half is JsonLoggingIT's (SIGTERM). */
class ShutdownHandoverTest {

    @Test
    void logbacksHookIsHeldBackWhileTheServiceRunsAndGivenBackOnAProgrammaticStop() {
        Thread hook = (Thread) ChassisLogging.context().getObject(CoreConstants.SHUTDOWN_HOOK_THREAD);
        assertThat(hook).as("wired with chassis.logging.shutdown-hook = true").isNotNull();

        ShutdownHandover handover = ShutdownHandover.takeOver(ChassisLogging.context());
        boolean registeredWhileRunning = Runtime.getRuntime().removeShutdownHook(hook);
        handover.finish();
        boolean registeredAfterStop = Runtime.getRuntime().removeShutdownHook(hook);
        Runtime.getRuntime().addShutdownHook(hook);

        assertThat(registeredWhileRunning).isFalse();
        assertThat(registeredAfterStop).isTrue();
        assertThat(ShutdownHandover.exiting()).isFalse();
    }
}
