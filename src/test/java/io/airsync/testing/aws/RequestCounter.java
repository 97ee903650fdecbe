package io.airsync.testing.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP requests an SDK client sends (retries included), by operation. */
public final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        byOperation.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
    }

    public long total() {
        return byOperation.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<String, Long> byOperation() {
        Map<String, Long> copy = new TreeMap<>();
        byOperation.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public void reset() {
        byOperation.clear();
    }

    @Override
    public String toString() {
        return byOperation().toString();
    }
}
