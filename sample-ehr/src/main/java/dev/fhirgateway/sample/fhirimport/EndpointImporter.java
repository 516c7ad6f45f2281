package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EndpointColumns;
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
        return EndpointColumns.TABLE;
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
        row.put(EndpointColumns.PRACTICE_ID, context.practiceId());
        row.put(EndpointColumns.PUBLIC_ID, publicId);
        if (e.getIdentifier().size() > 1) {
            context.notMapped("identifier", "only the first identifier is kept");
        }
        row.put(EndpointColumns.IDENTIFIER + ColumnGroups.SYSTEM, e.hasIdentifier()
                ? e.getIdentifierFirstRep().getSystem() : null);
        row.put(EndpointColumns.IDENTIFIER + ColumnGroups.VALUE, e.hasIdentifier()
                ? e.getIdentifierFirstRep().getValue() : null);
        row.put(EndpointColumns.STATUS, e.getStatus().toCode());
        row.put(EndpointColumns.CONNECTION_TYPE + ColumnGroups.SYSTEM, e.getConnectionType().getSystem());
        row.put(EndpointColumns.CONNECTION_TYPE + ColumnGroups.CODE, e.getConnectionType().getCode());
        row.put(EndpointColumns.CONNECTION_TYPE + ColumnGroups.DISPLAY, e.getConnectionType().getDisplay());
        if (e.getPayloadType().size() > 1) {
            context.notMapped("payloadType", "only the first payload type is kept");
        }
        Codes.put(row, EndpointColumns.PAYLOAD_TYPE, e.hasPayloadType() ? e.getPayloadTypeFirstRep() : null, context,
                "payloadType");
        row.put(EndpointColumns.NAME, e.getName());
        row.put(EndpointColumns.ADDRESS, e.getAddress());
        return context.insert(EndpointColumns.TABLE, row);
    }
}
