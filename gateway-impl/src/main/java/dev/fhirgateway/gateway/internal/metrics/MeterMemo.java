package dev.fhirgateway.gateway.internal.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The meters of a per-request code path, remembered by the values they are tagged with, so that a request
 * finds its meters with one map lookup instead of building tags and an id and asking the registry (a CPU
 * profile under load showed that per request). Bounded: past {@code maxEntries} distinct keys, meters are
 * looked up in the registry every time, as without a memo. Meters are never removed from the gateway's
 * registry, so a remembered meter stays the registered one.
 *
 * @param <K> the tag values (a record)
 * @param <M> the meter type (or a holder of a key's meters)
 */
public final class MeterMemo<K, M> {

    private final ConcurrentHashMap<K, M> meters = new ConcurrentHashMap<>();
    private final int maxEntries;

    /** @param maxEntries how many distinct keys are remembered */
    public MeterMemo(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The meter for {@code key}, registering it with {@code register} the first time. */
    public M get(K key, Supplier<M> register) {
        M meter = meters.get(key);
        if (meter != null) {
            return meter;
        }
        if (meters.size() >= maxEntries) {
            return register.get();
        }
        return meters.computeIfAbsent(key, k -> register.get());
    }
}
