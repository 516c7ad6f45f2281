package dev.fhirgateway.api;

/**
 * Supplies the {@link AccessTokenVerifier} of {@code fhirgateway.auth.mode=custom}: a host with its own token
 * format implements both.
 *
 * <p>Found with {@link java.util.ServiceLoader}, like every host extension point: register the class in
 * {@code META-INF/services/dev.fhirgateway.api.AccessTokenVerifierProvider} in a jar in the gateway's plugin
 * directory (or {@code WEB-INF/lib}). The gateway reports at startup every provider it found, by name. With one
 * provider it is used; with several, {@code fhirgateway.auth.verifier} names the one to use.
 */
public interface AccessTokenVerifierProvider {

    /** A short name for the startup report and for {@code fhirgateway.auth.verifier}, e.g. {@code acme-tokens}. */
    String name();

    /**
     * Builds the verifier, once at startup.
     *
     * @param settings the gateway's settings, for a verifier configured through them
     * @throws IllegalArgumentException or {@link IllegalStateException} with a message saying what to change when
     *     the settings cannot work: the gateway does not start and logs it
     */
    AccessTokenVerifier create(GatewaySettings settings);
}
