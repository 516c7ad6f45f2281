package dev.fhirgateway.gateway.internal.http;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.util.UrlUtil;
import dev.fhirgateway.gateway.internal.search.AppliedSearch;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Makes the {@code self} link of a lenient search's Bundle show only the parameters that were applied, as
 * FHIR asks ({@code Prefer: handling=lenient} ignores unknown parameters; the client learns which from the
 * link). HAPI builds {@code self} from the request as sent, so it is rewritten here, just before the
 * response is written. Strict searches apply every parameter or fail, so their link is left as HAPI built it.
 */
@Interceptor
public final class LenientSelfLinkInterceptor {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean rewriteSelfLink(RequestDetails request, ResponseDetails response) {
        AppliedSearch applied = AppliedSearch.of(request).orElse(null);
        if (applied != null && response.getResponseResource() instanceof Bundle bundle
                && bundle.getLink(Bundle.LINK_SELF) != null) {
            bundle.getLink(Bundle.LINK_SELF).setUrl(selfLink(request.getFhirServerBase(), applied));
        }
        return true;
    }

    static String selfLink(String serverBase, AppliedSearch applied) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, List<String>> e : applied.parameters().entrySet()) {
            for (String value : e.getValue()) {
                query.add(UrlUtil.escapeUrlParam(e.getKey()) + "=" + UrlUtil.escapeUrlParam(value));
            }
        }
        String base = serverBase + "/" + applied.resourceType();
        return query.length() == 0 ? base : base + "?" + query;
    }
}
