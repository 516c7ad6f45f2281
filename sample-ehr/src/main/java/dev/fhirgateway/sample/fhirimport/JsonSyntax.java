package dev.fhirgateway.sample.fhirimport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;

/**
 * Checks that a file is well-formed JSON before HAPI reads it, so a malformed file is refused in one line that
 * names the file and the position (HAPI's own message spans several lines and may quote the file).
 */
final class JsonSyntax {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonSyntax() {
    }

    /** @throws ImportException naming the file, the line and the column of the first syntax error */
    static void check(String fileName, String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            while (parser.nextToken() != null) {
                // Reading every token is the check.
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            // Jackson's message quotes the offending token, which may be a value: only the position is given.
            throw new ImportException(fileName + ": not valid JSON" + position + "; nothing imported");
        } catch (IOException e) {
            throw new ImportException(fileName + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (json.isBlank()) {
            throw new ImportException(fileName + ": empty; nothing imported");
        }
    }
}
