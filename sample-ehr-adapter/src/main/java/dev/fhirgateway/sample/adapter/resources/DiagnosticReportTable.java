package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ClinicalImageColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportFormColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportImageColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportPerformerColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportResultColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Diagnostic reports ({@code diagnostic_report} with categories, performers, results, images and the report as
 * written) as US Core DiagnosticReport: the Laboratory profile for reports of the lab (category LAB), the Report
 * and Note profile for all others.
 */
final class DiagnosticReportTable extends ResourceTable {

    static final String LAB_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-diagnosticreport-lab";
    static final String NOTE_PROFILE =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-diagnosticreport-note";
    static final String SERVICE_SECTIONS = "http://terminology.hl7.org/CodeSystem/v2-0074";
    static final String LAB = "LAB";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status", DiagnosticReport.DiagnosticReportStatus.FINAL.getSystem(), "r."
                    + DiagnosticReportColumns.STATUS)
            .tokenInChild("category", DiagnosticReportCategoryColumns.TABLE + " c WHERE c."
                    + DiagnosticReportCategoryColumns.REPORT_ID + " = r." + DiagnosticReportColumns.ID, "c."
                    + DiagnosticReportCategoryColumns.CATEGORY + ColumnGroups.SYSTEM,
                    "c." + DiagnosticReportCategoryColumns.CATEGORY + ColumnGroups.CODE)
            .token("code", "r." + DiagnosticReportColumns.REPORT_CODE + ColumnGroups.SYSTEM, "r."
                    + DiagnosticReportColumns.REPORT_CODE + ColumnGroups.CODE)
            .period("date", "r." + DiagnosticReportColumns.EFFECTIVE_START, "r."
                    + DiagnosticReportColumns.EFFECTIVE_END);

    DiagnosticReportTable() {
        super("DiagnosticReport",
                List.of(NOTE_PROFILE, LAB_PROFILE),
                ReferenceJoins.rowsWithPatient(DiagnosticReportColumns.TABLE, DiagnosticReportColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", DiagnosticReportColumns.ENCOUNTER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        // Table expressions are constants; the joins give the public ids the references need.
        return List.of(new ChildTable("categories", DiagnosticReportCategoryColumns.TABLE,
        DiagnosticReportCategoryColumns.REPORT_ID),
                new ChildTable("performers", "(SELECT pf.*, pr." + PractitionerColumns.PUBLIC_ID
                        + " AS practitioner_public_id,"
                        + " o." + OrganizationColumns.PUBLIC_ID + " AS organization_public_id FROM "
                        + DiagnosticReportPerformerColumns.TABLE + " pf"
                        + " LEFT JOIN " + PractitionerColumns.TABLE + " pr ON pr." + PractitionerColumns.ID + " = pf."
                        + DiagnosticReportPerformerColumns.PRACTITIONER_ID
                        + " LEFT JOIN " + OrganizationColumns.TABLE + " o ON o." + OrganizationColumns.ID + " = pf."
                        + DiagnosticReportPerformerColumns.ORGANIZATION_ID + ") performers",
                        DiagnosticReportPerformerColumns.REPORT_ID),
                new ChildTable("results", DiagnosticReportResultColumns.TABLE, DiagnosticReportResultColumns.REPORT_ID),
                new ChildTable("images", "(SELECT ri.*, ci." + ClinicalImageColumns.PUBLIC_ID
                        + " AS image_public_id FROM " + DiagnosticReportImageColumns.TABLE + " ri"
                        + " JOIN " + ClinicalImageColumns.TABLE + " ci ON ci." + ClinicalImageColumns.ID + " = ri."
                        + DiagnosticReportImageColumns.IMAGE_ID + ") images", DiagnosticReportImageColumns.REPORT_ID),
                new ChildTable("forms", DiagnosticReportFormColumns.TABLE, DiagnosticReportFormColumns.REPORT_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        DiagnosticReport report = new DiagnosticReport();
        report.setId(row.string(DiagnosticReportColumns.PUBLIC_ID));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(row.string(DiagnosticReportColumns.STATUS)));
        boolean lab = false;
        for (TableRow category : row.children("categories")) {
            CodeableConcept concept = FhirValues.concept(category, DiagnosticReportCategoryColumns.CATEGORY);
            lab |= concept.hasCoding(SERVICE_SECTIONS, LAB);
            report.addCategory(concept);
        }
        report.getMeta().addProfile(lab ? LAB_PROFILE : NOTE_PROFILE);
        report.setCode(FhirValues.concept(row, DiagnosticReportColumns.REPORT_CODE));
        report.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        report.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (Boolean.TRUE.equals(row.bool(DiagnosticReportColumns.EFFECTIVE + ColumnGroups.IS_PERIOD))) {
            report.setEffective(FhirValues.period(row, DiagnosticReportColumns.EFFECTIVE_START,
                    DiagnosticReportColumns.EFFECTIVE_END));
        } else {
            report.setEffective(FhirValues.dateTime(row, DiagnosticReportColumns.EFFECTIVE_START));
        }
        if (row.has(DiagnosticReportColumns.ISSUED_TEXT)) {
            report.setIssuedElement(new InstantType(row.string(DiagnosticReportColumns.ISSUED_TEXT)));
        }
        for (TableRow performer : row.children("performers")) {
            Reference who = performer.has("practitioner_public_id")
                    ? FhirValues.reference("Practitioner", performer.string("practitioner_public_id"))
                    : FhirValues.reference("Organization", performer.string("organization_public_id"));
            if (who != null) {
                report.addPerformer(who);
            }
        }
        for (TableRow result : row.children("results")) {
            report.addResult(FhirValues.reference(result.string(DiagnosticReportResultColumns.RESULT_REF_TYPE),
                    result.string(DiagnosticReportResultColumns.RESULT_REF_ID))
                    .setDisplay(result.string(DiagnosticReportResultColumns.RESULT_LABEL)));
        }
        for (TableRow image : row.children("images")) {
            report.addMedia().setLink(FhirValues.reference("Media", image.string("image_public_id")));
        }
        for (TableRow form : row.children("forms")) {
            Attachment attachment = report.addPresentedForm()
                    .setContentType(form.string(DiagnosticReportFormColumns.CONTENT_TYPE))
                    .setUrl(form.string(DiagnosticReportFormColumns.FILE_URL))
                    .setTitle(form.string(DiagnosticReportFormColumns.TITLE));
            if (form.has(DiagnosticReportFormColumns.DATA_BASE64)) {
                attachment.setDataElement(new Base64BinaryType(form.string(DiagnosticReportFormColumns.DATA_BASE64)));
            }
            if (form.has(DiagnosticReportFormColumns.FILE_HASH)) {
                attachment.setHashElement(new Base64BinaryType(form.string(DiagnosticReportFormColumns.FILE_HASH)));
            }
            if (form.has(DiagnosticReportFormColumns.FILE_SIZE)) {
                attachment.setSize(form.intValue(DiagnosticReportFormColumns.FILE_SIZE));
            }
        }
        return report;
    }
}
