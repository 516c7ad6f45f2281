package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ImplantedDeviceColumns;
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
        return ImplantedDeviceColumns.TABLE;
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
        row.put(ImplantedDeviceColumns.PATIENT_ID, RequiredPatient.internalId(context, d.getPatient(), "patient", d));
        row.put(ImplantedDeviceColumns.STATUS, d.hasStatus() ? d.getStatus().toCode() : null);
        Codes.put(row, ImplantedDeviceColumns.TYPE, d.getType(), context, "type");
        Device.DeviceUdiCarrierComponent udi = d.hasUdiCarrier() ? d.getUdiCarrierFirstRep() : null;
        row.put(ImplantedDeviceColumns.UDI_DEVICE_IDENTIFIER, udi == null ? null : udi.getDeviceIdentifier());
        row.put(ImplantedDeviceColumns.UDI_CARRIER_HRF, udi == null ? null : udi.getCarrierHRF());
        row.put(ImplantedDeviceColumns.UDI_CARRIER_AIDC, udi == null || !udi.hasCarrierAIDC() ? null
                : udi.getCarrierAIDCElement().getValueAsString());
        if (d.getUdiCarrier().size() > 1) {
            context.notMapped("udiCarrier", "only the first UDI is kept");
        }
        row.put(ImplantedDeviceColumns.DISTINCT_IDENTIFIER, d.getDistinctIdentifier());
        row.put(ImplantedDeviceColumns.MANUFACTURE_DATE_TEXT, d.hasManufactureDate()
                ? d.getManufactureDateElement().getValueAsString() : null);
        row.put(ImplantedDeviceColumns.EXPIRATION_DATE_TEXT, d.hasExpirationDate()
                ? d.getExpirationDateElement().getValueAsString()
                : null);
        row.put(ImplantedDeviceColumns.LOT_NUMBER, d.getLotNumber());
        row.put(ImplantedDeviceColumns.SERIAL_NUMBER, d.getSerialNumber());
        Device.DeviceDeviceNameComponent name = d.hasDeviceName() ? d.getDeviceNameFirstRep() : null;
        row.put(ImplantedDeviceColumns.DEVICE_NAME, name == null ? null : name.getName());
        row.put(ImplantedDeviceColumns.DEVICE_NAME_TYPE, name == null || !name.hasType() ? null
                : name.getType().toCode());
        if (d.getDeviceName().size() > 1) {
            context.notMapped("deviceName", "only the first name is kept");
        }
        context.insert(ImplantedDeviceColumns.TABLE, row);
    }
}
