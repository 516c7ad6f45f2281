package dev.fhirgateway.spi;

/**
 * The version of this SPI, and the rule that decides whether an adapter may run in a gateway.
 *
 * <p>An adapter returns {@link #CURRENT} from {@link EhrAdapterProvider#requestedSpiVersion()}.
 * Because {@code CURRENT} is a compile-time constant, the value is copied into the adapter's class
 * file: it records the SPI the adapter was <em>built</em> against, whatever SPI jar the gateway
 * runs with.
 *
 * <p>Compatibility promise: within one major version the SPI only grows (new optional methods with
 * defaults, new value types the gateway only sends to adapters that declared them). A gateway runs
 * an adapter whose major version equals its own and whose minor version is not newer.
 *
 * <p>HAPI FHIR is part of the binary contract: {@link EhrAdapter#read} and {@link EhrAdapter#search} return HAPI's
 * R4 model classes, so an adapter must be built against the HAPI FHIR major version of {@link #HAPI_MAJOR}. The
 * gateway checks at startup that it runs with that major version, and refuses adapter plugin directories that
 * carry HAPI jars of another one (the gateway's own HAPI classes are the ones used).
 */
@Stable
public final class SpiVersion {

    /**
     * The SPI version of this jar, {@code major.minor}.
     *
     * <p>History: 1.0 the first; 1.1 added {@link SearchParameterSupport#LAST_UPDATED} and the optional counting
     * capability ({@link EhrAdapter#canCount}, {@link EhrAdapter#count}); 1.2 added {@link EhrAdapter#keepsDeadlines}.
     * Adapters built against 1.0 and 1.1 run unchanged.
     */
    public static final String CURRENT = "1.2";

    /** The HAPI FHIR major version whose R4 model this SPI's methods take and return (HAPI 8.x). */
    public static final int HAPI_MAJOR = 8;

    private SpiVersion() {
    }

    /**
     * Whether a HAPI FHIR version (as {@code ca.uhn.fhir.util.VersionUtil.getVersion()} or a jar name gives it,
     * e.g. {@code 8.8.1}) is one this SPI's adapters run with.
     *
     * @return false for another major version or a malformed version
     */
    public static boolean supportsHapi(String hapiVersion) {
        int[] v = parse(hapiVersion);
        return v != null && v[0] == HAPI_MAJOR;
    }

    /**
     * Whether an adapter built against {@code requested} runs against an SPI of version {@code provided}.
     *
     * @return false for a different major version, a newer minor version, or a malformed version
     */
    public static boolean isCompatible(String requested, String provided) {
        int[] r = parse(requested);
        int[] p = parse(provided);
        return r != null && p != null && r[0] == p[0] && r[1] <= p[1];
    }

    private static int[] parse(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.trim().split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
