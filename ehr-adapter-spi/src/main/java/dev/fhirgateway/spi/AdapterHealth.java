package dev.fhirgateway.spi;

/**
 * The answer to {@link EhrAdapter#health()}.
 *
 * @param healthy whether the adapter can answer requests now
 * @param detail a short reason for operators (no PHI), e.g. "database unreachable"
 */
@Stable
public record AdapterHealth(boolean healthy, String detail) {

    public static AdapterHealth ok() {
        return new AdapterHealth(true, "ok");
    }

    public static AdapterHealth unhealthy(String detail) {
        return new AdapterHealth(false, detail);
    }
}
