package io.chassis.core.internal.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the current platform thread did during a call: how often it waited (voluntary context
 * switches, from Linux's {@code /proc/thread-self/status}) and how much CPU it used. Both cost a
 * system call or more, so only routes still being learned read them, and only for their first calls.
 */
final class ThreadProbe {

    private static final Path STATUS = Path.of("/proc/thread-self/status");
    private static final String FIELD = "\nvoluntary_ctxt_switches:";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean AVAILABLE = check();

    private ThreadProbe() {}

    /** @return whether this JVM and OS tell a thread's waits and CPU time (Linux with thread CPU time) */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * @return the voluntary context switches of the current thread so far: each time it blocked
     * @throws IOException when the status file cannot be read
     */
    static long voluntarySwitches() throws IOException {
        String status = new String(Files.readAllBytes(STATUS), StandardCharsets.US_ASCII);
        int at = status.indexOf(FIELD);
        if (at < 0) {
            throw new IOException(STATUS + " has no voluntary_ctxt_switches");
        }
        int end = status.indexOf('\n', at + FIELD.length());
        return Long.parseLong(status.substring(at + FIELD.length(), end < 0 ? status.length() : end)
                .trim());
    }

    /** @return {@code /proc/self/task/<tid>/stat} of the current thread, or null when there is none */
    static Path statOfCurrentThread() {
        try {
            // /proc/thread-self links to "<pid>/task/<tid>"
            Path task = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            Path stat = Path.of("/proc/self/task").resolve(task.getFileName()).resolve("stat");
            return Files.isReadable(stat) ? stat : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param stat a thread's {@code stat} file, or null
     * @return whether that thread is asleep or in uninterruptible wait now (not running nor waiting
     *     for a core); false when it cannot be told
     */
    static boolean sleeping(Path stat) {
        if (stat == null) {
            return false;
        }
        try {
            String line = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            int close = line.lastIndexOf(')'); // the thread name in parentheses may hold anything
            char state = close >= 0 && close + 2 < line.length() ? line.charAt(close + 2) : 'R';
            return state == 'S' || state == 'D';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return CPU time of the current thread so far, in nanoseconds */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static boolean check() {
        try {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) {
                return false;
            }
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            voluntarySwitches();
            return cpuNanos() >= 0;
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or /proc not mounted: routes stay on the worker pool
        }
    }
}
