/**
 * The gateway's implementation. Internal: nothing here is an API; hosts configure the gateway through
 * {@code dev.fhirgateway.api} and adapters plug in through {@code dev.fhirgateway.spi}.
 */
package dev.fhirgateway.gateway.internal;
