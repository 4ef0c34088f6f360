package io.chassis.testing;

import io.chassis.core.client.ChassisHttpClient;
import io.chassis.core.client.ClientTimeoutException;

/**
 * Answered calls on a named client before a test times one: on a cold JVM (a CI machine, the first
 * test of a module) the first call's class loading and connection can outlast a short timeout or
 * time limiter, which would cut the timed call before it reaches the downstream.
 */
public final class ClientWarmUp {

    private static final int ATTEMPTS = 5;

    private ClientWarmUp() {}

    /**
     * Calls {@code GET path} until it answers {@code status}; a call cut by a timeout counts as cold
     * and is repeated.
     *
     * @param client the named client the test is about to time
     * @param path the path to call, e.g. {@code /report}
     * @param status the status the downstream answers on that path when it is up
     * @throws AssertionError when no answer with that status came within five calls
     */
    public static void untilAnswered(ChassisHttpClient client, String path, int status) {
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                if (client.get(path).exchange().status() == status) {
                    return;
                }
            } catch (ClientTimeoutException coldStart) {
                // the next call finds the classes loaded and the connection open
            }
        }
        throw new AssertionError("GET " + path + " never answered " + status + " in " + ATTEMPTS + " warm-up calls");
    }
}
