package io.chassis.tracing.otel;

import io.chassis.tracing.testing.ZipkinEndToEndContract;

/** A calls B through the Chassis client, both on the OpenTelemetry SDK, exporting to a real Zipkin. */
class OtelZipkinIT extends ZipkinEndToEndContract {}
