package dev.fhirgateway.sample.containers;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gateway settings a vendor puts in the container's context file: the adapter's plugin directory (outside
 * the WAR), the adapter's database, and the paging key.
 *
 * @param pluginDir the directory with the adapter jar and its libraries
 * @param adapterJdbcUrl the database URL handed to the adapter
 * @param adapterDbUser the adapter's database user
 * @param adapterDbPassword the adapter's database password
 * @param pagingSecret the paging link key
 */
record GatewayContextSettings(Path pluginDir, String adapterJdbcUrl, String adapterDbUser, String adapterDbPassword,
        String pagingSecret) {

    /** The settings as servlet context init parameters, in a stable order. */
    Map<String, String> initParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fhirgateway.plugin-dir", pluginDir.toAbsolutePath().normalize().toString());
        params.put("fhirgateway.adapter.jdbc.url", adapterJdbcUrl);
        params.put("fhirgateway.adapter.jdbc.user", adapterDbUser);
        params.put("fhirgateway.adapter.jdbc.password", adapterDbPassword);
        params.put("fhirgateway.paging.secret", pagingSecret);
        // The development switch (practice from X-Practice-Pin, no tokens): these tests are about deploying into
        // each container; access tokens are covered by the sample EHR WAR ITs (it.*IT).
        params.put("fhirgateway.auth.mode", "development-header");
        return params;
    }

    /** {@code text} escaped for an XML attribute or element. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
