package io.chassis.core;

import io.chassis.config.ConfigChangeListener;

/**
 * Callbacks around the service's run: start and stop work of the application's own resources, and
 * configuration changes.
 */
public interface Lifecycle {

    /** Work done at start or stop. */
    @FunctionalInterface
    interface Task {

        /**
         * Runs the work.
         *
         * @throws Exception at start: the service stops again and fails to start; at stop: logged
         */
        void run() throws Exception;
    }

    /**
     * Runs {@code task} at start, after every module started and before the ports open.
     *
     * @param task e.g. opening a connection pool
     * @return this
     */
    Lifecycle onStart(Task task);

    /**
     * Runs {@code task} at stop, after in-flight requests finished and before modules stop. Stop
     * tasks run in reverse order of registration, and only when the start tasks added before them
     * ran: a start task that fails stops the service again with the stop tasks added before it.
     *
     * @param task e.g. closing a connection pool
     * @return this
     */
    Lifecycle onStop(Task task);

    /**
     * Asks to be told about configuration changes. They happen only when {@code
     * chassis.config.reload.enabled} is true and an external or secret file changed into a valid
     * configuration: one that binds every section the service and its modules bound at startup. When
     * the listener runs, {@code app.config()} already answers from the new configuration.
     *
     * @param listener called on the reload thread with the changed paths
     * @return this
     */
    Lifecycle onConfigChange(ConfigChangeListener listener);
}
