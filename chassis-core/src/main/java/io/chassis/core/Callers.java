package io.chassis.core;

/** Finds the application class that called into Chassis, once per builder. */
final class Callers {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Callers() {}

    static Class<?> applicationClass() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> !c.getPackageName().equals(Callers.class.getPackageName()))
                .findFirst()
                .orElse(null));
    }
}
