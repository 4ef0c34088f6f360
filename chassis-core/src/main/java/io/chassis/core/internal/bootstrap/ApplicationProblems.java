package io.chassis.core.internal.bootstrap;

import io.chassis.config.ConfigProblem;
import io.chassis.config.ConfigProblemsException;
import io.chassis.core.App;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the application's {@code configure(..)} and turns what it throws into problems that name the
 * line of the application's code, in the words of the exception, without its class name.
 */
final class ApplicationProblems {

    private static final java.security.CodeSource CORE =
            ApplicationProblems.class.getProtectionDomain().getCodeSource();

    private ApplicationProblems() {}

    static void run(Consumer<App> setup, App app, List<ConfigProblem> problems) {
        try {
            setup.accept(app);
        } catch (ConfigProblemsException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(origin(e), "", message(e)));
        }
    }

    /** The first frame outside the JDK and core: where the application called into the chassis. */
    static String origin(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getFileName() != null && !frame.isNativeMethod() && !inCoreOrJdk(frame.getClassName())) {
                return "application setup (" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return "application setup";
    }

    private static boolean inCoreOrJdk(String type) {
        if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
            return true;
        }
        if (!type.startsWith("io.chassis.core.")) {
            return false;
        }
        try {
            Class<?> found = Class.forName(type, false, ApplicationProblems.class.getClassLoader());
            return java.util.Objects.equals(found.getProtectionDomain().getCodeSource(), CORE);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static String message(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "failed without a message; see the application's configure(..) at that line.";
        }
        return message;
    }
}
