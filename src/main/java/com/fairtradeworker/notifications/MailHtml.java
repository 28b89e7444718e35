package com.fairtradeworker.notifications;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML alternative of a notification, rendered from its plain text: every character of the text is escaped (a job
 * title such as {@code <script>} arrives as text, never as markup), paragraphs become {@code <p>}, and http(s) links
 * become anchors. Nothing else is added, so the HTML says exactly what the text says.
 */
final class MailHtml {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");

    private MailHtml() {}

    static String render(String subject, String text) {
        StringBuilder html = new StringBuilder(text.length() * 2 + 400)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(HtmlUtils.htmlEscape(subject == null ? "" : subject, "UTF-8"))
                .append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.5;\">\n");
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            html.append("<p>").append(paragraphHtml(paragraph.strip())).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    private static String paragraphHtml(String paragraph) {
        StringBuilder html = new StringBuilder();
        Matcher link = LINK.matcher(paragraph);
        int written = 0;
        while (link.find()) {
            html.append(escapeLines(paragraph.substring(written, link.start())));
            String href = HtmlUtils.htmlEscape(link.group(), "UTF-8");
            html.append("<a href=\"").append(href).append("\">").append(href).append("</a>");
            written = link.end();
        }
        return html.append(escapeLines(paragraph.substring(written))).toString();
    }

    private static String escapeLines(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8").replaceAll("\\R", "<br>\n");
    }
}
