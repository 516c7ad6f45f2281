/**
 * What a host EHR configures and plugs into the gateway: {@link dev.fhirgateway.api.GatewaySettings}
 * (every setting, its default and where it may come from), the metric names ({@link dev.fhirgateway.api.GatewayMetrics})
 * and the host extension points, found with {@link java.util.ServiceLoader}:
 * {@link dev.fhirgateway.api.AccessTokenVerifierProvider} and {@link dev.fhirgateway.api.GatewayMeterRegistryProvider}.
 */
package dev.fhirgateway.api;
