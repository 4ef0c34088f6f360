package io.chassis.core.internal.tls;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of TLS material polled by digest: a change that loads is put in force by {@code apply}; one
 * that does not is logged as a WARN naming the file and what is wrong, and the material in force
 * stays. Each change is logged once, not on every poll.
 *
 * @param <T> what the files load into
 */
final class Watched<T> {

    private static final Logger LOG = LoggerFactory.getLogger("io.chassis.core.tls");

    private final String what;
    private final List<TlsFile> files;
    private final Function<Material.Read, T> load;
    private final Consumer<T> apply;
    private byte[] seen; // guarded by this

    /**
     * @param first the files as read for the material in force
     */
    Watched(String what, List<TlsFile> files, Material.Read first, Function<Material.Read, T> load, Consumer<T> apply) {
        this.what = what;
        this.files = files;
        this.load = load;
        this.apply = apply;
        this.seen = first.digest();
    }

    /** Reads the files; loads and applies them when they changed since the last poll. */
    synchronized void poll() {
        Material.Read read;
        try {
            read = Material.read(files);
        } catch (TlsMaterialException e) {
            if (seen != null) {
                LOG.warn("TLS {} not reloaded: {}; the material in force is kept", what, e.getMessage());
            }
            seen = null;
            return;
        }
        if (read.same(seen)) {
            return;
        }
        seen = read.digest();
        try {
            apply.accept(load.apply(read));
            LOG.info(
                    "TLS {} reloaded from {}",
                    what,
                    files.stream().map(TlsFile::describe).toList());
        } catch (TlsMaterialException e) {
            LOG.warn("TLS {} not reloaded: {}; the material in force is kept", what, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("TLS {} not reloaded: {}; the material in force is kept", what, e.toString());
        }
    }
}
