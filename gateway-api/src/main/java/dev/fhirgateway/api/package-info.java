/**
 * What a host EHR configures and plugs into the gateway: {@link dev.fhirgateway.api.GatewaySettings}
 * (every setting, its default and where it may come from) and
 * {@link dev.fhirgateway.api.PracticeResolver} (which practice a request is made for).
 */
package dev.fhirgateway.api;
