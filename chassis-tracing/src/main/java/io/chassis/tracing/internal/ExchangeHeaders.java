package io.chassis.tracing.internal;

import io.opentracing.propagation.TextMap;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;

/** Undertow's request headers as OpenTracing's read-only carrier: first value of each header. */
final class ExchangeHeaders implements TextMap {

    private final HeaderMap headers;

    ExchangeHeaders(HeaderMap headers) {
        this.headers = headers;
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        Iterator<HeaderValues> values = headers.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public Map.Entry<String, String> next() {
                HeaderValues v = values.next();
                return new AbstractMap.SimpleImmutableEntry<>(v.getHeaderName().toString(), v.getFirst());
            }
        };
    }

    @Override
    public void put(String key, String value) {
        throw new UnsupportedOperationException("request headers are read-only");
    }
}
