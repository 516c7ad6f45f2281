package dev.fhirgateway.gateway.internal.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The gateway's version, from a resource the build fills in. */
public final class GatewayVersion {

    private GatewayVersion() {
    }

    public static String current() {
        Properties p = new Properties();
        try (InputStream in = GatewayVersion.class.getResourceAsStream("gateway-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
