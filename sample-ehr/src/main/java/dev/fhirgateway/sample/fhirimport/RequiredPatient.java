package dev.fhirgateway.sample.fhirimport;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The patient a clinical record belongs to: every clinical row needs one the practice holds. */
final class RequiredPatient {

    private RequiredPatient() {
    }

    /**
     * The internal id of the patient {@code reference} points to.
     *
     * @throws ImportException when the EHR does not hold that patient (the record cannot be kept)
     */
    static long internalId(ImportContext context, Reference reference, String element, Resource resource) {
        Long id = context.internalId(reference, element, "Patient");
        if (id == null) {
            throw new ImportException(resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                    + " refers to a patient the EHR does not hold");
        }
        return id;
    }
}
