package io.chassis.health.internal;

import io.chassis.core.health.HealthCheck;
import io.chassis.core.health.HealthResult;
import io.chassis.core.health.HealthStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** UP while the file system holding {@code path} has at least {@code minFreeBytes} usable. */
public record DiskSpaceCheck(Path path, long minFreeBytes) implements HealthCheck {

    @Override
    public HealthResult check() throws IOException {
        long free = Files.getFileStore(path).getUsableSpace();
        Map<String, Object> details =
                Map.of("path", path.toAbsolutePath().toString(), "freeBytes", free, "minFreeBytes", minFreeBytes);
        return free >= minFreeBytes
                ? HealthResult.up(details)
                : new HealthResult(
                        HealthStatus.DOWN,
                        "free disk space " + free + " bytes is below " + minFreeBytes + " bytes",
                        details);
    }
}
