package io.chassis.config;

/** Told about each valid configuration change; see {@link ConfigReloader}. */
@FunctionalInterface
public interface ConfigChangeListener {

    /**
     * Called on the reloader's thread after a change was validated and put in force. An exception
     * thrown here is logged and does not stop other listeners.
     */
    void onChange(ConfigChange change);
}
