package io.chassis.tracing.otel;

import io.chassis.tracing.testing.TracingBackendContract;

/** The backend contract on the OpenTelemetry SDK, exporting Zipkin. */
class OtelBackendIT extends TracingBackendContract {}
