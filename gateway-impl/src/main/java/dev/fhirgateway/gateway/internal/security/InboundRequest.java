package dev.fhirgateway.gateway.internal.security;

import java.util.Optional;

/** The parts of an incoming HTTP request a {@link PracticeResolver} may look at. */
public interface InboundRequest {

    /** The first value of a request header (names are case-insensitive), if present. */
    Optional<String> header(String name);
}
