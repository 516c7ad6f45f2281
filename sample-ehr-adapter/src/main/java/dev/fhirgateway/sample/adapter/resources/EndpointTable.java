package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EndpointColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Resource;

/**
 * Electronic endpoints of the directory ({@code endpoint}), e.g. a clinician's Direct address. US Core has no
 * Endpoint profile; these are plain FHIR R4 Endpoints, referenced by PractitionerRole.endpoint.
 */
final class EndpointTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/StructureDefinition/Endpoint";

    private static final SearchColumns SEARCH = SearchColumns.withId();

    EndpointTable() {
        super("Endpoint",
                List.of(PROFILE),
                EndpointColumns.TABLE + " r",
                "r.*",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(row.string(EndpointColumns.PUBLIC_ID));
        endpoint.getMeta().addProfile(PROFILE);
        if (row.has(EndpointColumns.IDENTIFIER + ColumnGroups.VALUE)) {
            endpoint.addIdentifier().setSystem(row.string(EndpointColumns.IDENTIFIER + ColumnGroups.SYSTEM))
                    .setValue(row.string(EndpointColumns.IDENTIFIER + ColumnGroups.VALUE));
        }
        endpoint.setStatus(Endpoint.EndpointStatus.fromCode(row.string(EndpointColumns.STATUS)));
        endpoint.setConnectionType(new Coding(row.string(EndpointColumns.CONNECTION_TYPE + ColumnGroups.SYSTEM),
                row.string(EndpointColumns.CONNECTION_TYPE + ColumnGroups.CODE),
                row.string(EndpointColumns.CONNECTION_TYPE + ColumnGroups.DISPLAY)));
        endpoint.setName(row.string(EndpointColumns.NAME));
        if (row.has(EndpointColumns.PAYLOAD_TYPE + ColumnGroups.CODE) || row.has(EndpointColumns.PAYLOAD_TYPE
                + ColumnGroups.TEXT)) {
            endpoint.addPayloadType(FhirValues.concept(row, EndpointColumns.PAYLOAD_TYPE));
        }
        endpoint.setAddress(row.string(EndpointColumns.ADDRESS));
        return endpoint;
    }
}
