package dev.fhirgateway.sample.fhirimport;

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
        return "coverage";
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
        row.put("patient_id", RequiredPatient.internalId(context, c.getBeneficiary(), "beneficiary", c));
        row.put("status", c.getStatus().toCode());
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
        row.put("member_id_system", memberId == null ? null : memberId.getSystem());
        row.put("member_id", memberId == null ? null : memberId.getValue());
        Codes.put(row, "type", c.getType(), context, "type");
        row.put("subscriber_id", c.getSubscriberId());
        row.put("relationship_code", Codes.code(c.getRelationship()));
        row.put("relationship_text", c.hasRelationship() ? c.getRelationship().getText() : null);
        ClinicalTime.put(row, "period_start", c.getPeriod().hasStart()
                ? c.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, "period_end", c.getPeriod().hasEnd()
                ? c.getPeriod().getEndElement().getValueAsString() : null);
        row.put("payor_organization_id", c.hasPayor()
                ? context.internalId(c.getPayorFirstRep(), "payor", "Organization") : null);
        if (c.getPayor().size() > 1) {
            context.notMapped("payor", "only the first payor is kept");
        }
        long coverageId = context.insert("coverage", row);
        for (Coverage.ClassComponent coverageClass : c.getClass_()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("coverage_id", coverageId);
            r.put("class_type", Codes.code(coverageClass.getType()));
            r.put("type_text", coverageClass.getType().getText());
            r.put("class_value", coverageClass.getValue());
            r.put("class_name", coverageClass.getName());
            context.insert("coverage_class", r);
        }
    }
}
