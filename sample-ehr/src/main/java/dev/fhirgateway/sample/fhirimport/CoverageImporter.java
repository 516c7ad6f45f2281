package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.CoverageClassColumns;
import dev.fhirgateway.sample.adapter.schema.CoverageColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/** A Coverage into {@code coverage} (member id, payor, period) and its group and plan into {@code coverage_class}. */
final class CoverageImporter implements ResourceImporter {

    static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";

    @Override
    public String resourceType() {
        return "Coverage";
    }

    @Override
    public String table() {
        return CoverageColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "type", "subscriberId", "beneficiary", "relationship", "period",
                "payor", "class");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Coverage c = (Coverage) resource;
        Map<String, Object> row = context.row(c);
        row.put(CoverageColumns.PATIENT_ID, RequiredPatient.internalId(context, c.getBeneficiary(), "beneficiary", c));
        row.put(CoverageColumns.STATUS, c.getStatus().toCode());
        Identifier memberId = null;
        for (Identifier identifier : c.getIdentifier()) {
            boolean isMemberId = identifier.getType().getCoding().stream()
                    .anyMatch(t -> IDENTIFIER_TYPE.equals(t.getSystem()) && "MB".equals(t.getCode()));
            if (isMemberId && memberId == null) {
                memberId = identifier;
            } else {
                context.notMapped("identifier", "only the member id is kept");
            }
        }
        row.put(CoverageColumns.MEMBER_ID_SYSTEM, memberId == null ? null : memberId.getSystem());
        row.put(CoverageColumns.MEMBER_ID, memberId == null ? null : memberId.getValue());
        Codes.put(row, CoverageColumns.TYPE, c.getType(), context, "type");
        row.put(CoverageColumns.SUBSCRIBER_ID, c.getSubscriberId());
        row.put(CoverageColumns.RELATIONSHIP_CODE, Codes.code(c.getRelationship()));
        row.put(CoverageColumns.RELATIONSHIP_TEXT, c.hasRelationship() ? c.getRelationship().getText() : null);
        ClinicalTime.put(row, CoverageColumns.PERIOD_START, c.getPeriod().hasStart()
                ? c.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, CoverageColumns.PERIOD_END, c.getPeriod().hasEnd()
                ? c.getPeriod().getEndElement().getValueAsString() : null);
        row.put(CoverageColumns.PAYOR_ORGANIZATION_ID, c.hasPayor()
                ? context.internalId(c.getPayorFirstRep(), "payor", "Organization") : null);
        if (c.getPayor().size() > 1) {
            context.notMapped("payor", "only the first payor is kept");
        }
        long coverageId = context.insert(CoverageColumns.TABLE, row);
        for (Coverage.ClassComponent coverageClass : c.getClass_()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put(CoverageClassColumns.COVERAGE_ID, coverageId);
            r.put(CoverageClassColumns.CLASS_TYPE, Codes.code(coverageClass.getType()));
            r.put(CoverageClassColumns.TYPE_TEXT, coverageClass.getType().getText());
            r.put(CoverageClassColumns.CLASS_VALUE, coverageClass.getValue());
            r.put(CoverageClassColumns.CLASS_NAME, coverageClass.getName());
            context.insert(CoverageClassColumns.TABLE, r);
        }
    }
}
