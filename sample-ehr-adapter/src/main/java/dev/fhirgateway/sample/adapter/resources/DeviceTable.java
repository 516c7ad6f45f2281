package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.ImplantedDeviceColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Resource;

/** Implanted devices ({@code implanted_device}) as US Core Implantable Device. */
final class DeviceTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-implantable-device";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .token("type", "r." + ImplantedDeviceColumns.TYPE + ColumnGroups.SYSTEM, "r." + ImplantedDeviceColumns.TYPE
                    + ColumnGroups.CODE)
            .tokenOfSystem("status", Device.FHIRDeviceStatus.ACTIVE.getSystem(), "r." + ImplantedDeviceColumns.STATUS);

    DeviceTable() {
        super("Device",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(ImplantedDeviceColumns.TABLE, ImplantedDeviceColumns.PATIENT_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID,
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Device device = new Device();
        device.setId(row.string(ImplantedDeviceColumns.PUBLIC_ID));
        device.getMeta().addProfile(PROFILE);
        if (row.has(ImplantedDeviceColumns.UDI_DEVICE_IDENTIFIER)) {
            Device.DeviceUdiCarrierComponent udi = device.addUdiCarrier();
            udi.setDeviceIdentifier(row.string(ImplantedDeviceColumns.UDI_DEVICE_IDENTIFIER));
            udi.setCarrierHRF(row.string(ImplantedDeviceColumns.UDI_CARRIER_HRF));
            if (row.has(ImplantedDeviceColumns.UDI_CARRIER_AIDC)) {
                udi.setCarrierAIDCElement(new Base64BinaryType(row.string(ImplantedDeviceColumns.UDI_CARRIER_AIDC)));
            }
        }
        if (row.has(ImplantedDeviceColumns.STATUS)) {
            device.setStatus(Device.FHIRDeviceStatus.fromCode(row.string(ImplantedDeviceColumns.STATUS)));
        }
        device.setDistinctIdentifier(row.string(ImplantedDeviceColumns.DISTINCT_IDENTIFIER));
        if (row.has(ImplantedDeviceColumns.MANUFACTURE_DATE_TEXT)) {
            device.setManufactureDateElement(
                    new DateTimeType(row.string(ImplantedDeviceColumns.MANUFACTURE_DATE_TEXT)));
        }
        if (row.has(ImplantedDeviceColumns.EXPIRATION_DATE_TEXT)) {
            device.setExpirationDateElement(new DateTimeType(row.string(ImplantedDeviceColumns.EXPIRATION_DATE_TEXT)));
        }
        device.setLotNumber(row.string(ImplantedDeviceColumns.LOT_NUMBER));
        device.setSerialNumber(row.string(ImplantedDeviceColumns.SERIAL_NUMBER));
        if (row.has(ImplantedDeviceColumns.DEVICE_NAME)) {
            device.addDeviceName().setName(row.string(ImplantedDeviceColumns.DEVICE_NAME))
                    .setType(Device.DeviceNameType.fromCode(row.string(ImplantedDeviceColumns.DEVICE_NAME_TYPE)));
        }
        device.setType(FhirValues.concept(row, ImplantedDeviceColumns.TYPE));
        device.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        return device;
    }
}
