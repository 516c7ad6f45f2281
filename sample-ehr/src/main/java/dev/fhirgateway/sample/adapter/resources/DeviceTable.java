package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Resource;

/** Implanted devices ({@code implanted_device}) as US Core Implantable Device. */
final class DeviceTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-implantable-device";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .token("type", "r.type_system", "r.type_code")
            .tokenOfSystem("status", Device.FHIRDeviceStatus.ACTIVE.getSystem(), "r.status");

    DeviceTable() {
        super("Device",
                List.of(PROFILE),
                "implanted_device r JOIN patient p ON p.id = r.patient_id",
                "r.*, p.public_id AS patient_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Device device = new Device();
        device.setId(row.string("public_id"));
        device.getMeta().addProfile(PROFILE);
        if (row.has("udi_device_identifier")) {
            Device.DeviceUdiCarrierComponent udi = device.addUdiCarrier();
            udi.setDeviceIdentifier(row.string("udi_device_identifier"));
            udi.setCarrierHRF(row.string("udi_carrier_hrf"));
            if (row.has("udi_carrier_aidc")) {
                udi.setCarrierAIDCElement(new Base64BinaryType(row.string("udi_carrier_aidc")));
            }
        }
        if (row.has("status")) {
            device.setStatus(Device.FHIRDeviceStatus.fromCode(row.string("status")));
        }
        device.setDistinctIdentifier(row.string("distinct_identifier"));
        if (row.has("manufacture_date_text")) {
            device.setManufactureDateElement(new DateTimeType(row.string("manufacture_date_text")));
        }
        if (row.has("expiration_date_text")) {
            device.setExpirationDateElement(new DateTimeType(row.string("expiration_date_text")));
        }
        device.setLotNumber(row.string("lot_number"));
        device.setSerialNumber(row.string("serial_number"));
        if (row.has("device_name")) {
            device.addDeviceName().setName(row.string("device_name"))
                    .setType(Device.DeviceNameType.fromCode(row.string("device_name_type")));
        }
        device.setType(FhirValues.concept(row, "type"));
        device.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        return device;
    }
}
