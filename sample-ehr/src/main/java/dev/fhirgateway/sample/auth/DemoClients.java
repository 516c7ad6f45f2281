package dev.fhirgateway.sample.auth;

import com.nimbusds.oauth2.sdk.Scope;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documented demo apps of the development authorization server: one per seeded practice, client id
 * {@code demo-PIN}, secret {@code demo-PIN-secret}, scopes {@value #SCOPES}. Their secrets are fixed and
 * published (banner, README) so a first try needs no registration. DEVELOPMENT ONLY: a real EHR never has
 * well-known credentials.
 */
public final class DemoClients {

    /** Granted to every demo client: every read and search of the practice, SMART v2 and v1 forms. */
    public static final String SCOPES = "system/*.rs system/*.read";

    private static final Logger LOG = LoggerFactory.getLogger(DemoClients.class);

    private DemoClients() {
    }

    /** The demo client id of a practice. */
    public static String clientId(String practicePin) {
        return "demo-" + practicePin;
    }

    /** The published demo secret of a practice's demo client. */
    public static String secret(String practicePin) {
        return "demo-" + practicePin + "-secret";
    }

    /** Registers the demo client of each practice that has none yet. */
    public static void seedIfMissing(ClientRegistry registry, List<String> practicePins) {
        int added = 0;
        for (String pin : practicePins) {
            if (registry.registerIfAbsent(clientId(pin), pin, Scope.parse(SCOPES), "Demo app of practice " + pin,
                    secret(pin))) {
                added++;
            }
        }
        if (added > 0) {
            LOG.info("Registered {} demo API clients (development only, published secrets)", added);
        }
    }
}
