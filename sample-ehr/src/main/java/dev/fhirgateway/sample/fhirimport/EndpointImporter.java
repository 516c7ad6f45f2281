package dev.fhirgateway.sample.fhirimport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Resource;

/** An Endpoint into the directory's electronic endpoints ({@code endpoint}). */
final class EndpointImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Endpoint";
    }

    @Override
    public String table() {
        return "endpoint";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "connectionType", "name", "payloadType", "address");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        insert(context, (Endpoint) resource, resource.getIdElement().getIdPart());
    }

    /** Inserts the endpoint under {@code publicId} (also used for endpoints contained in another resource). */
    static long insert(ImportContext context, Endpoint e, String publicId) {
        if (!e.hasConnectionType() || !e.hasAddress() || !e.hasStatus()) {
            throw new ImportException("Endpoint " + publicId + " lacks a status, connection type or address");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("practice_id", context.practiceId());
        row.put("public_id", publicId);
        if (e.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put("identifier_system", e.hasIdentifier() ? e.getIdentifierFirstRep().getSystem() : null);
        row.put("identifier_value", e.hasIdentifier() ? e.getIdentifierFirstRep().getValue() : null);
        row.put("status", e.getStatus().toCode());
        row.put("connection_type_system", e.getConnectionType().getSystem());
        row.put("connection_type_code", e.getConnectionType().getCode());
        row.put("connection_type_display", e.getConnectionType().getDisplay());
        if (e.getPayloadType().size() > 1) {
            context.notMapped("payloadType", "only the first payload type is kept");
        }
        Codes.put(row, "payload_type", e.hasPayloadType() ? e.getPayloadTypeFirstRep() : null, context,
                "payloadType");
        row.put("name", e.getName());
        row.put("address", e.getAddress());
        return context.insert("endpoint", row);
    }
}
