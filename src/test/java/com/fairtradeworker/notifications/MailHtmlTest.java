package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailHtmlTest {

    @Test
    void everyCharacterOfTheTextIsEscaped() {
        String html = MailHtml.render(
                "New bid on \"<img src=x onerror=alert(1)>\"",
                "Your job \"<script>alert('x')</script>\" & <b>more</b>.");

        assertThat(html)
                .contains("<title>New bid on &quot;&lt;img src=x onerror=alert(1)&gt;&quot;</title>")
                .contains(
                        "Your job &quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; &amp; &lt;b&gt;more&lt;/b&gt;.")
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<b>");
    }

    @Test
    void paragraphsAndLinesAreKeptAndLinksBecomeAnchors() {
        String html = MailHtml.render("Subject", """
                Hello Ann,

                First line
                second line

                https://app.example/jobs/1?a=1&b=2
                """);

        assertThat(html)
                .contains("<p>Hello Ann,</p>")
                .contains("<p>First line<br>\nsecond line</p>")
                .contains(
                        "<p><a href=\"https://app.example/jobs/1?a=1&amp;b=2\">https://app.example/jobs/1?a=1&amp;b=2</a></p>");
    }

    @Test
    void aLinkCannotBreakOutOfItsAttribute() {
        String html = MailHtml.render("Subject", "See https://app.example/x\"onmouseover=\"alert(1) now");

        assertThat(html).contains("<a href=\"https://app.example/x\">").doesNotContain("\"onmouseover");
    }
}
