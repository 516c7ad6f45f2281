package dev.fhirgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The developer pages in a real browser: headless Chromium ({@link HeadlessChromium}) loads them from the web
 * application in Jetty on 127.0.0.1 (every in-memory test adapter on: seven types, includes, a chain, {@code $docref}).
 * What Chromium parsed must name every type and every search parameter of the CapabilityStatement at
 * {@code metadata}, the page of each type exactly its parameters; screenshots must show a styled page, not a
 * blank one. Skipped loudly without Chromium on a developer machine, failing in CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Developer pages in headless Chromium")
class DeveloperPagesBrowserTest {

    private HeadlessChromium chromium;
    private GatewayTestServer server;
    private List<CapabilityStatementRestResourceComponent> served;

    @BeforeAll
    void start() throws Exception {
        chromium = HeadlessChromium.findOrSkip();
        server = GatewayTestServer.startWebApp(DeveloperPagesHttpTest.withEveryTestAdapter(Map.of()), false);
        String metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.fhirBase() + "/metadata")).build(), HttpResponse.BodyHandlers.ofString()).body();
        served = FhirContext.forR4Cached().newJsonParser().parseResource(CapabilityStatement.class, metadata)
                .getRestFirstRep().getResource();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("the DOM Chromium builds names every served type and every search parameter of the CapabilityStatement")
    void everyTypeAndParameterAppears() throws Exception {
        assertThat(served).hasSizeGreaterThanOrEqualTo(7);
        String index = chromium.dumpDom(page("/docs/"));
        assertThat(index).contains("<html lang=\"en\">").contains("<main id=\"main\">").contains(server.fhirBase());
        assertThat(DeveloperPagesHttpTest.ids(DeveloperPagesHttpTest.TYPE_ROW, index))
                .isEqualTo(new TreeSet<>(served.stream().map(CapabilityStatementRestResourceComponent::getType).toList()));
        for (CapabilityStatementRestResourceComponent r : served) {
            assertThat(index).contains(">" + r.getType() + "</a>");
            String dom = chromium.dumpDom(page("/docs/" + r.getType() + ".html"));
            assertThat(dom).as(r.getType()).contains("<h1>" + r.getType() + "</h1>");
            Set<String> names = new TreeSet<>(r.getSearchParam().stream().map(p -> p.getName()).toList());
            assertThat(DeveloperPagesHttpTest.ids(DeveloperPagesHttpTest.PARAM_ROW, dom)).as(r.getType()).isEqualTo(names);
            names.forEach(n -> assertThat(dom).as(r.getType() + " " + n).contains("<code>" + n + "</code>"));
        }
    }

    @Test
    @DisplayName("screenshots of the index and a type page are styled pages, not blank")
    void screenshotsAreNotBlank() throws Exception {
        for (String path : List.of("/docs/", "/docs/Patient.html")) {
            Path png = chromium.screenshot(page(path), 1280, 900);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(1280);
            Set<Integer> colours = new HashSet<>();
            long nonWhite = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    if (rgb != 0xffffff) {
                        nonWhite++;
                    }
                }
            }
            long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
            assertThat(colours.size()).as("distinct colours in " + png + " (text is anti-aliased)").isGreaterThan(50);
            assertThat(nonWhite).as("pixels that are not the background in " + png).isGreaterThan(sampled / 20);
            // The header band of the style sheet: the sheet was loaded and applied.
            assertThat(image.getRGB(5, 5) & 0xffffff).as("header colour at the top left of " + png).isEqualTo(0x12355b);
        }
    }

    private URI page(String path) {
        return URI.create(server.contextUri() + path);
    }
}
