package dev.fhirgateway.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an SPI element that is new and may still change incompatibly in a minor {@link SpiVersion} while the
 * gateway gains experience with it. The binary compatibility check skips incubating elements; adapters using
 * them should be rebuilt and re-run through the compatibility kit when the SPI moves.
 *
 * <p>An incubating element becomes {@link Stable} (or is removed) within two minor versions.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Incubating {
}
