package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.DiagnosticReportCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportFormColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportImageColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportPerformerColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosticReportResultColumns;
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
        return DiagnosticReportColumns.TABLE;
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
        row.put(DiagnosticReportColumns.PATIENT_ID, RequiredPatient.internalId(context, d.getSubject(), "subject", d));
        row.put(DiagnosticReportColumns.STATUS, d.getStatus().toCode());
        Codes.put(row, DiagnosticReportColumns.REPORT_CODE, d.getCode(), context, "code");
        row.put(DiagnosticReportColumns.ENCOUNTER_ID, context.internalId(d.getEncounter(), "encounter", "Encounter"));
        EffectiveTime.put(row, DiagnosticReportColumns.EFFECTIVE, d.getEffective());
        row.put(DiagnosticReportColumns.ISSUED_TEXT, d.hasIssued() ? d.getIssuedElement().getValueAsString() : null);
        long reportId = context.insert(DiagnosticReportColumns.TABLE, row);
        for (CodeableConcept category : d.getCategory()) {
            Map<String, Object> c = child(reportId);
            Codes.put(c, DiagnosticReportCategoryColumns.CATEGORY, category, context, "category");
            context.insert(DiagnosticReportCategoryColumns.TABLE, c);
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
            r.put(DiagnosticReportResultColumns.RESULT_REF_TYPE, target.substring(0, target.indexOf('/')));
            r.put(DiagnosticReportResultColumns.RESULT_REF_ID, target.substring(target.indexOf('/') + 1));
            r.put(DiagnosticReportResultColumns.RESULT_LABEL, result.getDisplay());
            context.insert(DiagnosticReportResultColumns.TABLE, r);
        }
        for (DiagnosticReport.DiagnosticReportMediaComponent media : d.getMedia()) {
            Long imageId = context.internalId(media.getLink(), "media.link", "Media");
            if (imageId != null) {
                Map<String, Object> m = child(reportId);
                m.put(DiagnosticReportImageColumns.IMAGE_ID, imageId);
                context.insert(DiagnosticReportImageColumns.TABLE, m);
            }
            if (media.hasComment()) {
                context.notMapped("media.comment", null);
            }
        }
        for (Attachment form : d.getPresentedForm()) {
            Map<String, Object> f = child(reportId);
            f.put(DiagnosticReportFormColumns.CONTENT_TYPE, form.getContentType());
            f.put(DiagnosticReportFormColumns.DATA_BASE64, form.getDataElement().getValueAsString());
            f.put(DiagnosticReportFormColumns.FILE_URL, form.getUrl());
            f.put(DiagnosticReportFormColumns.TITLE, form.getTitle());
            f.put(DiagnosticReportFormColumns.FILE_HASH, form.getHashElement().getValueAsString());
            f.put(DiagnosticReportFormColumns.FILE_SIZE, form.hasSize() ? form.getSize() : null);
            context.insert(DiagnosticReportFormColumns.TABLE, f);
        }
    }

    /** A clinician or an organization (the lab); other performers are reported. */
    private static void performer(ImportContext context, long reportId, Reference performer) {
        String target = context.target(performer);
        boolean organization = target != null && target.startsWith("Organization/");
        Long id = context.internalId(performer, "performer", organization ? "Organization" : "Practitioner");
        if (id != null) {
            Map<String, Object> p = child(reportId);
            p.put(organization ? DiagnosticReportPerformerColumns.ORGANIZATION_ID
                    : DiagnosticReportPerformerColumns.PRACTITIONER_ID, id);
            context.insert(DiagnosticReportPerformerColumns.TABLE, p);
        }
    }

    private static Map<String, Object> child(long reportId) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put(DiagnosticReportCategoryColumns.REPORT_ID, reportId);
        return row;
    }
}
