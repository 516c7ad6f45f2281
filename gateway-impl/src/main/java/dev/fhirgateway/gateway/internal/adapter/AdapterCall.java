package dev.fhirgateway.gateway.internal.adapter;

import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;

/**
 * One call of an adapter, made by {@link AdapterCallExecutor}: it is given the context to pass on, whose deadline
 * is the call's own (the request's, or sooner when the per-call timeout ends first).
 */
@FunctionalInterface
public interface AdapterCall<T> {

    T apply(EhrAdapter adapter, CallContext context);
}
