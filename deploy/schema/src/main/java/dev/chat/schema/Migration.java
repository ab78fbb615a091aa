package dev.chat.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned CQL file, {@code V<version>__<description>.cql}. Statements end with a semicolon
 * at the end of a line; lines starting with {@code --} are comments.
 */
public record Migration(int version, String description, String checksum, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cql");

    public static Migration parse(String fileName, String cql) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException("migration file " + fileName + " is not named V<version>__<description>.cql");
        }
        StringBuilder withoutComments = new StringBuilder();
        cql.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> withoutComments.append(line).append('\n'));
        List<String> statements = Arrays.stream(withoutComments.toString().split(";\\s*\\n"))
                .map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                .filter(s -> !s.isEmpty())
                .toList();
        return new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), sha256(cql), statements);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
