/**
 * The EHR adapter SPI: the whole contract between the FHIR gateway and an EHR.
 *
 * <p>An adapter author implements two types:
 * <ul>
 *   <li>{@link dev.fhirgateway.spi.EhrAdapterProvider}, registered in
 *       {@code META-INF/services/dev.fhirgateway.spi.EhrAdapterProvider} and found by
 *       {@link java.util.ServiceLoader}; it names the adapter, states the SPI version it was built
 *       against and opens the adapter with its configuration;</li>
 *   <li>{@link dev.fhirgateway.spi.EhrAdapter}, which declares the resource types and search
 *       parameters it serves and answers reads and searches with HAPI R4 model objects.</li>
 * </ul>
 *
 * <p>Everything else in this package is a value the gateway hands to the adapter (typed search
 * criteria, the practice a call is made for) or an answer the adapter hands back (a page of
 * results with an opaque continuation cursor, a typed failure).
 *
 * <p>Stability: types marked {@link dev.fhirgateway.spi.Stable} keep binary compatibility within a major
 * {@link dev.fhirgateway.spi.SpiVersion}; elements marked {@link dev.fhirgateway.spi.Incubating} may still
 * change in a minor version. The compatibility kit ({@code ehr-adapter-compatibility-kit}) tests an adapter
 * against this contract.
 */
package dev.fhirgateway.spi;
