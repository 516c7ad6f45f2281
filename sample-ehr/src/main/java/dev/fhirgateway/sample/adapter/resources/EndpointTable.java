package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
                "endpoint r",
                "r.*",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(row.string("public_id"));
        endpoint.getMeta().addProfile(PROFILE);
        if (row.has("identifier_value")) {
            endpoint.addIdentifier().setSystem(row.string("identifier_system"))
                    .setValue(row.string("identifier_value"));
        }
        endpoint.setStatus(Endpoint.EndpointStatus.fromCode(row.string("status")));
        endpoint.setConnectionType(new Coding(row.string("connection_type_system"),
                row.string("connection_type_code"), row.string("connection_type_display")));
        endpoint.setName(row.string("name"));
        if (row.has("payload_type_code") || row.has("payload_type_text")) {
            endpoint.addPayloadType(FhirValues.concept(row, "payload_type"));
        }
        endpoint.setAddress(row.string("address"));
        return endpoint;
    }
}
