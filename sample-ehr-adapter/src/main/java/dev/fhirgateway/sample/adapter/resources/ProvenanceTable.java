package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.SqlConditions;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.ProvenanceAgentColumns;
import dev.fhirgateway.sample.adapter.schema.ProvenanceRecordColumns;
import dev.fhirgateway.sample.adapter.schema.ProvenanceTargetColumns;
import dev.fhirgateway.spi.SearchParameterSupport;
import dev.fhirgateway.spi.SearchValue;
import java.util.List;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The audit trail ({@code provenance_record} with its targets and agents) as US Core Provenance. Searchable by
 * {@code target} (any record type; what {@code _revinclude=Provenance:target} asks) and by {@code patient} (a
 * target that is the patient record itself), as FHIR R4 defines them. Public so that tests can search it
 * directly: the compatibility kit cannot check these two parameters (US Core 6.1.0 defines none for Provenance).
 */
public final class ProvenanceTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-provenance";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .custom(SearchParameterSupport.reference("target"), (sql, v) -> {
                SearchValue.Reference ref = (SearchValue.Reference) v;
                return targetSql(sql, ref.resourceType(), ref.id());
            })
            .custom(SearchParameterSupport.reference("patient"), (sql, v) -> {
                SearchValue.Reference ref = (SearchValue.Reference) v;
                return ref.resourceType() == null || ref.resourceType().equals("Patient")
                        ? targetSql(sql, "Patient", ref.id()) : SqlConditions.FALSE;
            });

    public ProvenanceTable() {
        super("Provenance",
                List.of(PROFILE),
                ProvenanceRecordColumns.TABLE + " r",
                "r.*",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("targets", ProvenanceTargetColumns.TABLE, ProvenanceTargetColumns.RECORD_ID),
                new ChildTable("agents", "(SELECT a.*, pr." + PractitionerColumns.PUBLIC_ID
                        + " AS practitioner_public_id,"
                        + " o." + OrganizationColumns.PUBLIC_ID + " AS organization_public_id, pa."
                        + PatientColumns.PUBLIC_ID + " AS patient_public_id,"
                        + " ob." + OrganizationColumns.PUBLIC_ID + " AS on_behalf_of_public_id FROM "
                        + ProvenanceAgentColumns.TABLE + " a"
                        + " LEFT JOIN " + PractitionerColumns.TABLE + " pr ON pr." + PractitionerColumns.ID + " = a."
                        + ProvenanceAgentColumns.PRACTITIONER_ID
                        + " LEFT JOIN " + OrganizationColumns.TABLE + " o ON o." + OrganizationColumns.ID + " = a."
                        + ProvenanceAgentColumns.ORGANIZATION_ID
                        + " LEFT JOIN " + PatientColumns.TABLE + " pa ON pa." + PatientColumns.ID + " = a."
                        + ProvenanceAgentColumns.PATIENT_ID
                        + " LEFT JOIN " + OrganizationColumns.TABLE + " ob ON ob." + OrganizationColumns.ID + " = a."
                        + ProvenanceAgentColumns.ON_BEHALF_OF_ID + ") agents", ProvenanceAgentColumns.RECORD_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Provenance provenance = new Provenance();
        provenance.setId(row.string(ProvenanceRecordColumns.PUBLIC_ID));
        provenance.getMeta().addProfile(PROFILE);
        for (TableRow target : row.children("targets")) {
            provenance.addTarget(FhirValues.reference(target.string(ProvenanceTargetColumns.TARGET_TYPE),
                    target.string(ProvenanceTargetColumns.TARGET_ID)));
        }
        provenance.setRecordedElement(new InstantType(row.string(ProvenanceRecordColumns.RECORDED
                + ColumnGroups.TEXT)));
        for (TableRow agent : row.children("agents")) {
            Provenance.ProvenanceAgentComponent a = provenance.addAgent();
            a.setType(FhirValues.concept(agent, "role"));
            a.setWho(who(agent));
            a.setOnBehalfOf(FhirValues.reference("Organization", agent.string("on_behalf_of_public_id")));
        }
        return provenance;
    }

    private static Reference who(TableRow agent) {
        if (agent.has("practitioner_public_id")) {
            return FhirValues.reference("Practitioner", agent.string("practitioner_public_id"));
        }
        if (agent.has("organization_public_id")) {
            return FhirValues.reference("Organization", agent.string("organization_public_id"));
        }
        return FhirValues.reference("Patient", agent.string("patient_public_id"));
    }

    /** The record has a target with this public id and, unless {@code type} is null, of this resource type. */
    private static String targetSql(SqlConditions sql, String type, String id) {
        return "EXISTS (SELECT 1 FROM " + ProvenanceTargetColumns.TABLE + " t WHERE t."
                + ProvenanceTargetColumns.RECORD_ID + " = r." + ProvenanceRecordColumns.ID + " AND t."
                + ProvenanceTargetColumns.TARGET_ID + " = " + sql.bind(id)
                + (type == null ? "" : " AND t." + ProvenanceTargetColumns.TARGET_TYPE + " = " + sql.bind(type)) + ")";
    }
}
