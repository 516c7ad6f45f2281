package dev.fhirgateway.sample.fhirimport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A DiagnosticReport into {@code diagnostic_report} and its child tables. Results are observations of the
 * results table, kept as {@code Type/id}; images are clinical images the same Bundle (or an earlier one) filed.
 */
final class DiagnosticReportImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "DiagnosticReport";
    }

    @Override
    public String table() {
        return "diagnostic_report";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("status", "category", "code", "subject", "encounter", "effective", "issued", "performer",
                "result", "media", "presentedForm");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        DiagnosticReport d = (DiagnosticReport) resource;
        Map<String, Object> row = context.row(d);
        row.put("patient_id", RequiredPatient.internalId(context, d.getSubject(), "subject", d));
        row.put("status", d.getStatus().toCode());
        Codes.put(row, "report_code", d.getCode(), context, "code");
        row.put("encounter_id", context.internalId(d.getEncounter(), "encounter", "Encounter"));
        EffectiveTime.put(row, "effective", d.getEffective());
        row.put("issued_text", d.hasIssued() ? d.getIssuedElement().getValueAsString() : null);
        long reportId = context.insert("diagnostic_report", row);
        for (CodeableConcept category : d.getCategory()) {
            Map<String, Object> c = child(reportId);
            Codes.put(c, "category", category, context, "category");
            context.insert("diagnostic_report_category", c);
        }
        for (Reference performer : d.getPerformer()) {
            performer(context, reportId, performer);
        }
        for (Reference result : d.getResult()) {
            String target = context.target(result);
            if (target == null || target.indexOf('/') < 0) {
                context.notMapped("result", "a result without a literal reference is not kept");
                continue;
            }
            Map<String, Object> r = child(reportId);
            r.put("result_ref_type", target.substring(0, target.indexOf('/')));
            r.put("result_ref_id", target.substring(target.indexOf('/') + 1));
            r.put("result_label", result.getDisplay());
            context.insert("diagnostic_report_result", r);
        }
        for (DiagnosticReport.DiagnosticReportMediaComponent media : d.getMedia()) {
            Long imageId = context.internalId(media.getLink(), "media.link", "Media");
            if (imageId != null) {
                Map<String, Object> m = child(reportId);
                m.put("image_id", imageId);
                context.insert("diagnostic_report_image", m);
            }
            if (media.hasComment()) {
                context.notMapped("media.comment", null);
            }
        }
        for (Attachment form : d.getPresentedForm()) {
            Map<String, Object> f = child(reportId);
            f.put("content_type", form.getContentType());
            f.put("data_base64", form.getDataElement().getValueAsString());
            f.put("file_url", form.getUrl());
            f.put("title", form.getTitle());
            f.put("file_hash", form.getHashElement().getValueAsString());
            f.put("file_size", form.hasSize() ? form.getSize() : null);
            context.insert("diagnostic_report_form", f);
        }
    }

    /** A clinician or an organization (the lab); other performers are reported. */
    private static void performer(ImportContext context, long reportId, Reference performer) {
        String target = context.target(performer);
        boolean organization = target != null && target.startsWith("Organization/");
        Long id = context.internalId(performer, "performer", organization ? "Organization" : "Practitioner");
        if (id != null) {
            Map<String, Object> p = child(reportId);
            p.put(organization ? "organization_id" : "practitioner_id", id);
            context.insert("diagnostic_report_performer", p);
        }
    }

    private static Map<String, Object> child(long reportId) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("report_id", reportId);
        return row;
    }
}
