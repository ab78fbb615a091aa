package dev.chat.support.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON document, said for the person who sent it: which field, and what
 * kind of mistake. Jackson's own messages name Java types and classes
 * ({@code Cannot deserialize value of type `java.lang.String`...}); these never do, so they can
 * be shown to any client.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private JsonProblems() {
    }

    /** The mistake in a document that failed to read with {@code failure}. */
    public static String describe(JsonProcessingException failure) {
        String message = failure.getOriginalMessage() == null ? "" : failure.getOriginalMessage();
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "field '" + duplicate.group(1) + "' appears more than once";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more after the JSON value; send exactly one";
        }
        if (failure instanceof JsonParseException || !(failure instanceof JsonMappingException mapping)) {
            return "not valid JSON" + at(failure.getLocation());
        }
        String field = path(mapping.getPath());
        if (field.isEmpty()) {
            return failure instanceof MismatchedInputException && message.contains("No content")
                    ? "a JSON value is required"
                    : "the JSON value has the wrong type here";
        }
        if (failure instanceof InvalidFormatException && message.startsWith(StrictJson.WellFormedStrings.LONE_SURROGATE)) {
            return "field '" + field + "' holds a lone surrogate (an unpaired \\ud800-\\udfff escape), which is not text";
        }
        if (failure instanceof InvalidFormatException) {
            return "field '" + field + "' has a value of the wrong form";
        }
        if (failure instanceof MismatchedInputException) {
            return "field '" + field + "' has a value of the wrong type";
        }
        return "field '" + field + "' is not valid";
    }

    /** A field's path as a client writes it: {@code members[2].id}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
