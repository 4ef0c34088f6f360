package io.chassis.config;

import com.typesafe.config.ConfigValue;
import io.chassis.config.internal.ConfigSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the external and secret files of a {@link ChassisConfig} and, when one changes, loads the
 * configuration again. The new configuration must bind every section read so far ({@link
 * ChassisConfig#bind}, {@link ChassisConfig#read}) and pass the validators added here; then it is put
 * in force: the {@code ChassisConfig} this reloader was created with answers from it, and listeners
 * are told which paths changed. An invalid one is logged with all its problems and the old one kept.
 *
 * <p>Values bound before a reload stay as they were bound; only what is read again changes.
 *
 * <p>Files are compared by content digest, which also catches Kubernetes' symlink swaps of mounted
 * ConfigMaps and Secrets. Enabled by the service with {@code chassis.config.reload.enabled}.
 */
public final class ConfigReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReloader.class);

    private final List<ConfigChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ChassisConfig>> validators = new CopyOnWriteArrayList<>();
    private final ChassisConfig live;
    private volatile ChassisConfig current;
    private Map<Path, String> digests;
    private ScheduledExecutorService scheduler;

    private ConfigReloader(ChassisConfig initial) {
        this.live = initial;
        this.current = initial.snapshot();
        this.digests = digests(current.watchedFiles());
    }

    /**
     * Creates a reloader starting from {@code initial}, which from now on follows every valid reload;
     * it checks nothing until started or asked.
     */
    public static ConfigReloader create(ChassisConfig initial) {
        return new ConfigReloader(Objects.requireNonNull(initial, "initial"));
    }

    /**
     * Starts a reloader for {@code config} when {@code chassis.config.reload.enabled} is true,
     * checking every {@code chassis.config.reload.interval}.
     *
     * @return the started reloader, or empty when reloading is off
     */
    public static Optional<ConfigReloader> startIfEnabled(ChassisConfig config) {
        ConfigSettings.Reload settings =
                config.bind("chassis.config", ConfigSettings.class).reload();
        return settings.enabled() ? Optional.of(create(config).start(settings.interval())) : Optional.empty();
    }

    /** Adds a listener told about every valid change. */
    public ConfigReloader addListener(ConfigChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Adds a check a new configuration must pass before it is put in force, beyond binding the sections
     * read so far (which is always done). It rejects the configuration by throwing {@link
     * ConfigProblemsException}.
     */
    public ConfigReloader addValidator(Consumer<ChassisConfig> validator) {
        validators.add(Objects.requireNonNull(validator, "validator"));
        return this;
    }

    /**
     * Returns the configuration in force, fixed: a later reload gives a new one (the {@code
     * ChassisConfig} this reloader was created with follows them).
     */
    public ChassisConfig current() {
        return current;
    }

    /** Checks the files every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized ConfigReloader start(Duration interval) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "chassis-config-reload");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, interval.toMillis());
            scheduler.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Checks the watched files now and reloads if any changed.
     *
     * @return the change put in force, or {@code null} when nothing changed or the change was rejected
     */
    public synchronized ConfigChange checkNow() {
        Map<Path, String> now = digests(current.watchedFiles());
        if (now.equals(digests)) {
            return null;
        }
        digests = now;
        ChassisConfig next;
        try {
            next = current.reload();
            List<ConfigProblem> problems = new ArrayList<>(live.recheck(next));
            for (Consumer<ChassisConfig> validator : validators) {
                try {
                    validator.accept(next);
                } catch (ConfigProblemsException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigProblemsException(problems);
            }
        } catch (ConfigProblemsException e) {
            LOG.error("Configuration change rejected; the previous configuration stays in force. {}", e.getMessage());
            return null;
        }
        digests = digests(next.watchedFiles());
        ChassisConfig previous = current;
        ConfigChange change = new ConfigChange(previous, next, changedPaths(previous, next));
        current = next;
        live.follow(next);
        if (!change.changedPaths().isEmpty()) {
            LOG.info("Configuration reloaded; changed: {}", new TreeSet<>(change.changedPaths()));
            for (ConfigChangeListener listener : listeners) {
                notify(listener, change);
            }
        }
        return change;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.error("Configuration reload check failed", e);
        }
    }

    private static void notify(ConfigChangeListener listener, ConfigChange change) {
        try {
            listener.onChange(change);
        } catch (RuntimeException e) {
            LOG.error("Configuration change listener {} failed", listener, e);
        }
    }

    static Set<String> changedPaths(ChassisConfig before, ChassisConfig after) {
        Map<String, ConfigValue> old = new HashMap<>();
        before.config().entrySet().forEach(e -> old.put(e.getKey(), e.getValue()));
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, ConfigValue> entry : after.config().entrySet()) {
            ConfigValue previous = old.remove(entry.getKey());
            if (previous == null
                    || !Objects.equals(previous.unwrapped(), entry.getValue().unwrapped())) {
                changed.add(entry.getKey());
            }
        }
        changed.addAll(old.keySet());
        return changed;
    }

    private static Map<Path, String> digests(Set<Path> files) {
        Map<Path, String> digests = new HashMap<>();
        for (Path file : files) {
            digests.put(file, digest(file));
        }
        return digests;
    }

    private static String digest(Path file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return Arrays.toString(hash);
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
