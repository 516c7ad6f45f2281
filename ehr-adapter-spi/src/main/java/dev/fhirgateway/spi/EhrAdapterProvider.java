package dev.fhirgateway.spi;

/**
 * The adapter's entry point, found by {@link java.util.ServiceLoader}.
 *
 * <p>Register the implementation in
 * {@code META-INF/services/dev.fhirgateway.spi.EhrAdapterProvider}. It must have a public no-arg
 * constructor and do no work in it: the gateway instantiates every provider it finds to report on
 * them, and only {@linkplain #open(AdapterConfig) opens} the ones it uses.
 */
@Stable
public interface EhrAdapterProvider {

    /**
     * The SPI version this adapter was built against. Implement it as
     * {@code return SpiVersion.CURRENT;} so the compiler records the version.
     */
    String requestedSpiVersion();

    /** A short, stable name for logs, metrics and configuration, e.g. {@code "acme-ehr"}. */
    String name();

    /**
     * Connects to the EHR and returns a ready adapter. Called once at gateway start.
     *
     * @param config the settings the gateway was given for adapters
     * @throws AdapterException with {@link AdapterException.Reason#UNAVAILABLE} when the EHR cannot be reached
     */
    EhrAdapter open(AdapterConfig config);
}
