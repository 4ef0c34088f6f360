package io.chassis.resilience.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import io.chassis.resilience.ResilienceTimeoutException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/** Backs {@code Resilience.decorate(..)}: one {@link Protection} per profile name, built on first use. */
public final class Decorators {

    private final Config config;
    private final Instances instances;
    private final Map<String, Protection> protections = new ConcurrentHashMap<>();

    Decorators(Config config, Instances instances) {
        this.config = config;
        this.instances = instances;
    }

    /**
     * @throws io.chassis.config.ConfigProblemsException when the profile names unknown instances
     */
    public <T> Callable<T> decorate(String name, Callable<T> callable) {
        Protection protection = protections.computeIfAbsent(
                name,
                n -> instances.protection(
                        instances
                                .settings()
                                .profile(config, ResilienceSettings.P + "profiles." + ConfigUtil.joinPath(n), n),
                        n));
        return () -> protection.call(callable, true);
    }

    /** @return the profile names code decorated with so far */
    java.util.Set<String> names() {
        return java.util.Set.copyOf(protections.keySet());
    }

    /** Runs a decorated supplier: unchecked exceptions as they are, a time limit as {@link ResilienceTimeoutException}. */
    public <T> T unchecked(String name, Callable<T> decorated) {
        try {
            return decorated.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (TimeoutException e) {
            throw new ResilienceTimeoutException(name, protections.get(name).timeout(), e);
        } catch (Exception e) {
            // a Supplier throws no checked exceptions; only the protections could, and they do not
            throw new IllegalStateException(e);
        }
    }

    /** @return the registries */
    public Instances instances() {
        return instances;
    }
}
