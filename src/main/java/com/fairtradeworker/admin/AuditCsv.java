package com.fairtradeworker.admin;

import com.fairtradeworker.audit.AuditSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Audit rows as CSV (RFC 4180): comma-separated, every non-empty cell in double quotes with inner quotes doubled (so
 * commas, quotes and line breaks stay inside their cell), CRLF between records, a header first. A cell a spreadsheet
 * would run as a formula, one starting with {@code = + - @} (after any leading spaces) or with a tab or carriage
 * return, gets a leading apostrophe (OWASP "CSV injection"), so {@code =cmd|' /C calc'!A0} shows as text.
 */
final class AuditCsv {

    static final String HEADER =
            "occurred_at,id,actor_id,action,entity_type,entity_id,ip,user_agent,request_id,details";

    private final Writer out;

    AuditCsv(Writer out) {
        this.out = out;
    }

    void header() {
        write(HEADER + "\r\n");
    }

    void row(AuditSearch.Row row) {
        write(String.join(
                        ",",
                        cell(row.occurredAt().toString()),
                        cell(row.id().toString()),
                        cell(row.actorId() == null ? null : row.actorId().toString()),
                        cell(row.action()),
                        cell(row.entityType()),
                        cell(row.entityId()),
                        cell(row.ip()),
                        cell(row.userAgent()),
                        cell(row.requestId()),
                        cell(row.details()))
                + "\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = startsAFormula(value) ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static boolean startsAFormula(String value) {
        char first = value.charAt(0);
        if (first == '\t' || first == '\r') {
            return true;
        }
        String trimmed = value.stripLeading();
        return !trimmed.isEmpty() && "=+-@".indexOf(trimmed.charAt(0)) >= 0;
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
