package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.adapter.schema.CommonColumns;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;

/**
 * A row's {@code updated_at} (see {@code V61__row_updated_at.sql}) as the resource's {@code meta.lastUpdated}, set
 * here for every served type so the mappers need not know about it.
 */
final class LastUpdated {

    static final String COLUMN = CommonColumns.UPDATED_AT;

    private LastUpdated() {
    }

    /** Sets {@code meta.lastUpdated} from the column's value as the JDBC driver returned it. */
    static <R extends Resource> R apply(R resource, Object columnValue) {
        Instant instant = instant(columnValue);
        if (instant != null) {
            resource.getMeta().setLastUpdatedElement(new InstantType(Date.from(instant)));
        }
        return resource;
    }

    /** H2 returns {@code OffsetDateTime} for {@code TIMESTAMP WITH TIME ZONE}, PostgreSQL's driver a {@code Timestamp}. */
    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected " + COLUMN + " value type " + value.getClass().getName());
    }
}
