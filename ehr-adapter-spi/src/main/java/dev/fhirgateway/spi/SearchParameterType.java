package dev.fhirgateway.spi;

/** The FHIR search parameter types the SPI carries, each with its value type. */
@Stable
public enum SearchParameterType {
    /** Values arrive as {@link SearchValue.Token}. */
    TOKEN,
    /** Values arrive as {@link SearchValue.Text}. */
    STRING,
    /** Values arrive as {@link SearchValue.Date}. */
    DATE,
    /** Values arrive as {@link SearchValue.Reference}. */
    REFERENCE,
    /** Values arrive as {@link SearchValue.Quantity}. */
    QUANTITY
}
