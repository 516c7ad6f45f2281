package dev.fhirgateway.sample.fhirimport;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The patient a chart entry belongs to: every entry of the clinical record needs one the EHR holds. */
final class RequiredPatient {

    private RequiredPatient() {
    }

    /**
     * The internal id of the patient {@code reference} points to.
     *
     * @throws ImportException when the EHR holds no such patient (the entry cannot be filed)
     */
    static long of(ImportContext context, Reference reference, String element, Resource resource) {
        Long id = context.internalId(reference, element, "Patient");
        if (id == null) {
            throw new ImportException(resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                    + " refers to a patient the EHR does not hold");
        }
        return id;
    }
}
