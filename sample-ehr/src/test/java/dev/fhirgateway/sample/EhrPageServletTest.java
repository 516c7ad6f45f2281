package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EhrPageServletTest {

    @Test
    void escapesHtmlSpecialCharacters() {
        assertThat(EhrPageServlet.escape("O'Brien <b>\"&\"</b>"))
                .isEqualTo("O&#39;Brien &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;");
        assertThat(EhrPageServlet.escape("Zoë Müller")).isEqualTo("Zoë Müller");
    }
}
