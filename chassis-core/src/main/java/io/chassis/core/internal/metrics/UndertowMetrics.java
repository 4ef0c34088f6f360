package io.chassis.core.internal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.xnio.management.XnioWorkerMXBean;

/** Gauges of the XNIO worker shared by the application and admin listeners. */
public final class UndertowMetrics implements MeterBinder {

    private final XnioWorkerMXBean worker;

    public UndertowMetrics(XnioWorkerMXBean worker) {
        this.worker = worker;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "undertow.worker.threads.busy",
                "Worker threads running a task",
                XnioWorkerMXBean::getBusyWorkerThreadCount);
        gauge(registry, "undertow.worker.threads", "Worker threads in the pool", XnioWorkerMXBean::getWorkerPoolSize);
        gauge(
                registry,
                "undertow.worker.threads.max",
                "Largest worker pool size",
                XnioWorkerMXBean::getMaxWorkerPoolSize);
        gauge(
                registry,
                "undertow.worker.queue.size",
                "Tasks waiting for a worker thread",
                XnioWorkerMXBean::getWorkerQueueSize);
        gauge(registry, "undertow.io.threads", "IO threads", XnioWorkerMXBean::getIoThreadCount);
    }

    private void gauge(
            MeterRegistry registry, String name, String description, ToDoubleFunction<XnioWorkerMXBean> value) {
        Gauge.builder(name, worker, value).description(description).register(registry);
    }
}
