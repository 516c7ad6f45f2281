package dev.fhirgateway.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an SPI type whose binary and behavioural compatibility is promised within a major
 * {@link SpiVersion}: it is never removed or changed incompatibly, and only grows by additions with
 * defaults (new default methods, new factory methods). The build checks this with japicmp against the
 * last released SPI (see {@code ehr-adapter-spi/README.md}, "Versioning").
 *
 * <p>Adapters may implement and call stable types freely.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Stable {
}
