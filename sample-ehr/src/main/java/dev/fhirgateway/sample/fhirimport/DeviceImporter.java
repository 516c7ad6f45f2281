package dev.fhirgateway.sample.fhirimport;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Resource;

/** A Device (an implant) into {@code implanted_device}, with its one UDI. */
final class DeviceImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Device";
    }

    @Override
    public String table() {
        return "implanted_device";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("udiCarrier", "status", "distinctIdentifier", "manufactureDate", "expirationDate",
                "lotNumber", "serialNumber", "deviceName", "type", "patient");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Device d = (Device) resource;
        Map<String, Object> row = context.row(d);
        row.put("patient_id", RequiredPatient.internalId(context, d.getPatient(), "patient", d));
        row.put("status", d.hasStatus() ? d.getStatus().toCode() : null);
        Codes.put(row, "type", d.getType(), context, "type");
        Device.DeviceUdiCarrierComponent udi = d.hasUdiCarrier() ? d.getUdiCarrierFirstRep() : null;
        row.put("udi_device_identifier", udi == null ? null : udi.getDeviceIdentifier());
        row.put("udi_carrier_hrf", udi == null ? null : udi.getCarrierHRF());
        row.put("udi_carrier_aidc", udi == null || !udi.hasCarrierAIDC() ? null
                : udi.getCarrierAIDCElement().getValueAsString());
        if (d.getUdiCarrier().size() > 1) {
            context.notMapped("udiCarrier", "only the first UDI is kept");
        }
        row.put("distinct_identifier", d.getDistinctIdentifier());
        row.put("manufacture_date_text", d.hasManufactureDate()
                ? d.getManufactureDateElement().getValueAsString() : null);
        row.put("expiration_date_text", d.hasExpirationDate() ? d.getExpirationDateElement().getValueAsString()
                : null);
        row.put("lot_number", d.getLotNumber());
        row.put("serial_number", d.getSerialNumber());
        Device.DeviceDeviceNameComponent name = d.hasDeviceName() ? d.getDeviceNameFirstRep() : null;
        row.put("device_name", name == null ? null : name.getName());
        row.put("device_name_type", name == null || !name.hasType() ? null : name.getType().toCode());
        if (d.getDeviceName().size() > 1) {
            context.notMapped("deviceName", "only the first name is kept");
        }
        context.insert("implanted_device", row);
    }
}
