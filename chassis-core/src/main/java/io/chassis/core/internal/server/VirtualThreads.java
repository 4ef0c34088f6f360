package io.chassis.core.internal.server;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads without requiring Java 21 to compile: the factory method is looked up once at
 * class initialization, never per request.
 */
public final class VirtualThreads {

    private static final Method FACTORY = lookup();

    private VirtualThreads() {}

    /** @return whether this JVM can create virtual threads */
    public static boolean available() {
        return FACTORY != null;
    }

    /**
     * @return a new executor that starts one virtual thread per task
     * @throws IllegalStateException on a JVM without virtual threads
     */
    static ExecutorService newExecutor() {
        if (FACTORY == null) {
            throw new IllegalStateException("virtual threads need Java 21+, this is Java " + Runtime.version());
        }
        try {
            return (ExecutorService) FACTORY.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a virtual thread executor", e);
        }
    }

    private static Method lookup() {
        try {
            return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
