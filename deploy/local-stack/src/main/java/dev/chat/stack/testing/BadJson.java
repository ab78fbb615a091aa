package dev.chat.stack.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages valid JSON objects in the ways clients get them wrong, for fuzz tests of frames and
 * REST bodies: a field of the wrong type, missing, named twice or unknown; text cut short or
 * followed by more; something other than an object; nesting thousands deep; oversized or odd text
 * (lone surrogates, NUL, right-to-left marks); random characters. Seeded: a failure names its seed
 * and repeats.
 */
public final class BadJson {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":");
    private final Random random;
    private final List<UnaryOperator<String>> damages = List.of(this::wrongValue, this::missingField, this::truncated,
            this::trailing, this::duplicated, this::unknownField, this::notAnObject, this::deepNesting,
            this::oversizedText, this::oddText, this::randomCharacters);

    public BadJson(Random random) {
        this.random = random;
    }

    /** {@code valid} (a JSON object with string, array or scalar fields) damaged one way, chosen at random. */
    public String damage(String valid) {
        return damages.get(random.nextInt(damages.size())).apply(valid);
    }

    private List<String> fields(String json) {
        List<String> names = new ArrayList<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names.isEmpty() ? List.of("x") : names;
    }

    private String field(String json) {
        List<String> names = fields(json);
        return names.get(random.nextInt(names.size()));
    }

    /** The first value of {@code field}: a string, an array without nested arrays, or a scalar. */
    private static Pattern valueOf(String field) {
        return Pattern.compile("\"" + field + "\":(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|[^,}\\]]+)");
    }

    private String wrongValue(String json) {
        String field = field(json);
        return valueOf(field).matcher(json).replaceFirst(Matcher.quoteReplacement("\"" + field + "\":" + anyValue()));
    }

    private String missingField(String json) {
        String without = valueOf(field(json)).matcher(json).replaceFirst("");
        return without.replace("{,", "{").replace(",,", ",").replace(",}", "}");
    }

    private String truncated(String json) {
        return json.substring(0, 1 + random.nextInt(json.length() - 1));
    }

    private String trailing(String json) {
        return json + List.of("}", "{}", " x", json, ",", "\u0000", "]").get(random.nextInt(7));
    }

    private String duplicated(String json) {
        String field = field(json);
        return json.substring(0, json.length() - 1) + ",\"" + field + "\":" + anyValue() + "}";
    }

    private String unknownField(String json) {
        return json.substring(0, json.length() - 1) + ",\"" + word() + "\":" + anyValue() + "}";
    }

    private String notAnObject(String json) {
        return List.of("[]", "null", "42", "\"text\"", "true", "", " ", "[" + json + "]", "{").get(random.nextInt(9));
    }

    private String deepNesting(String json) {
        int depth = 500 + random.nextInt(2500);
        String field = field(json);
        return valueOf(field).matcher(json).replaceFirst(
                Matcher.quoteReplacement("\"" + field + "\":" + "[".repeat(depth) + "]".repeat(depth)));
    }

    private String oversizedText(String json) {
        String field = field(json);
        return valueOf(field).matcher(json).replaceFirst(
                Matcher.quoteReplacement("\"" + field + "\":\"" + "x".repeat(4097 + random.nextInt(40000)) + "\""));
    }

    private String oddText(String json) {
        String field = field(json);
        String odd = List.of("\\ud800", "\\udfff", "a\\ud800b", "\\u0000", "\\ud83d\\ude00", "é€", "\\uFFFD", "\\u202e",
                "\\n\\t", "   ", "").get(random.nextInt(11));
        return valueOf(field).matcher(json).replaceFirst(Matcher.quoteReplacement("\"" + field + "\":\"" + odd + "\""));
    }

    private String randomCharacters(String json) {
        return text(1 + random.nextInt(300));
    }

    /** A JSON value of any type, mostly of a type the field does not take. */
    public String anyValue() {
        return switch (random.nextInt(11)) {
            case 0 -> "null";
            case 1 -> Long.toString(random.nextLong());
            case 2 -> "1e400";
            case 3 -> "-0.5";
            case 4 -> "true";
            case 5 -> "[]";
            case 6 -> "{}";
            case 7 -> "\"" + word() + "\"";
            case 8 -> "[\"" + uuid() + "\",1]";
            case 9 -> "\"" + uuid() + "\"";
            default -> "\"not-a-uuid\"";
        };
    }

    /** Random text: mostly printable ASCII, a quarter from further up the Basic Multilingual Plane. */
    public String text(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(4) == 0 ? (char) (0xa0 + random.nextInt(0x2000)) : (char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    private String word() {
        return text(1 + random.nextInt(12)).replace("\"", "").replace("\\", "");
    }

    public String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
