package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status", DiagnosticReport.DiagnosticReportStatus.FINAL.getSystem(), "r.status")
            .tokenInChild("category", "diagnostic_report_category c WHERE c.report_id = r.id", "c.category_system",
                    "c.category_code")
            .token("code", "r.report_code_system", "r.report_code_code")
            .period("date", "r.effective_start", "r.effective_end");

    DiagnosticReportTable() {
        super("DiagnosticReport",
                List.of(NOTE_PROFILE, LAB_PROFILE),
                "diagnostic_report r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        // Table expressions are constants; the joins give the public ids the references need.
        return List.of(new ChildTable("categories", "diagnostic_report_category", "report_id"),
                new ChildTable("performers", "(SELECT pf.*, pr.public_id AS practitioner_public_id,"
                        + " o.public_id AS organization_public_id FROM diagnostic_report_performer pf"
                        + " LEFT JOIN practitioner pr ON pr.id = pf.practitioner_id"
                        + " LEFT JOIN organization o ON o.id = pf.organization_id) performers", "report_id"),
                new ChildTable("results", "diagnostic_report_result", "report_id"),
                new ChildTable("images", "(SELECT ri.*, ci.public_id AS image_public_id FROM diagnostic_report_image ri"
                        + " JOIN clinical_image ci ON ci.id = ri.image_id) images", "report_id"),
                new ChildTable("forms", "diagnostic_report_form", "report_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        DiagnosticReport report = new DiagnosticReport();
        report.setId(row.string("public_id"));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(row.string("status")));
        boolean lab = false;
        for (TableRow category : row.children("categories")) {
            CodeableConcept concept = FhirValues.concept(category, "category");
            lab |= concept.hasCoding(SERVICE_SECTIONS, LAB);
            report.addCategory(concept);
        }
        report.getMeta().addProfile(lab ? LAB_PROFILE : NOTE_PROFILE);
        report.setCode(FhirValues.concept(row, "report_code"));
        report.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        report.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (Boolean.TRUE.equals(row.bool("effective_is_period"))) {
            report.setEffective(FhirValues.period(row, "effective_start", "effective_end"));
        } else {
            report.setEffective(FhirValues.dateTime(row, "effective_start"));
        }
        if (row.has("issued_text")) {
            report.setIssuedElement(new InstantType(row.string("issued_text")));
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
            report.addResult(FhirValues.reference(result.string("result_ref_type"), result.string("result_ref_id"))
                    .setDisplay(result.string("result_label")));
        }
        for (TableRow image : row.children("images")) {
            report.addMedia().setLink(FhirValues.reference("Media", image.string("image_public_id")));
        }
        for (TableRow form : row.children("forms")) {
            Attachment attachment = report.addPresentedForm().setContentType(form.string("content_type"))
                    .setUrl(form.string("file_url")).setTitle(form.string("title"));
            if (form.has("data_base64")) {
                attachment.setDataElement(new Base64BinaryType(form.string("data_base64")));
            }
            if (form.has("file_hash")) {
                attachment.setHashElement(new Base64BinaryType(form.string("file_hash")));
            }
            if (form.has("file_size")) {
                attachment.setSize(form.intValue("file_size"));
            }
        }
        return report;
    }
}
