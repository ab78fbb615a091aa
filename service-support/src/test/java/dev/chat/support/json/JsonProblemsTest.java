package dev.chat.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonProblemsTest {

    record Member(UUID id, String role) {
    }

    record Group(String name, List<Member> members, int size) {
    }

    private final ObjectMapper strict = StrictJson.apply(new ObjectMapper());

    @Test
    void aFieldNamedTwiceIsRefusedAndNamed() {
        assertEquals("field 'name' appears more than once",
                problemOf("{\"name\":\"a\",\"name\":\"b\"}", Group.class));
    }

    @Test
    void anythingAfterTheValueIsRefusedInBodiesAndInTrees() {
        assertEquals("there is more after the JSON value; send exactly one", problemOf("{\"name\":\"g\"} {\"name\":\"h\"}", Group.class));
        assertEquals("not valid JSON (line 1, column 13)", problemOf("{\"name\":\"g\"}}}", Group.class), "a stray '}' after it");
        assertEquals("there is more after the JSON value; send exactly one",
                problemOf("{\"type\":\"ping\"}{\"type\":\"ping\"}", JsonNode.class));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsFieldPathAndNoJavaType() {
        String problem = problemOf("{\"members\":[{\"id\":\"" + UUID.randomUUID() + "\"},{\"id\":[]}]}", Group.class);
        assertEquals("field 'members[1].id' has a value of the wrong type", problem);
        assertEquals("field 'size' has a value of the wrong form", problemOf("{\"size\":\"many\"}", Group.class));
        assertEquals("the JSON value has the wrong type here", problemOf("[]", Group.class));
    }

    @Test
    void aStringWithALoneSurrogateIsRefusedAndNamedWhilePairedOnesAreText() throws Exception {
        assertEquals("field 'name' holds a lone surrogate (an unpaired \\ud800-\\udfff escape), which is not text",
                problemOf("{\"name\":\"a\\ud800b\"}", Group.class));
        assertEquals("\ud83d\ude00", strict.readValue("{\"name\":\"\\ud83d\\ude00\"}", Group.class).name());
    }

    @Test
    void brokenSyntaxSaysWhere() {
        assertEquals("not valid JSON (line 1, column 9)", problemOf("{\"name\":,}", Group.class));
    }

    @Test
    void noDescriptionNamesAJavaClass() {
        for (String body : List.of("{\"name\":[]}", "{\"size\":{}}", "{\"members\":\"x\"}", "{\"members\":[{\"id\":\"nope\"}]}",
                "\"text\"", "{", "{\"name\":\"\\uZZZZ\"}")) {
            String problem = problemOf(body, Group.class);
            assertFalse(problem.contains("java") || problem.contains("dev.chat") || problem.contains("`"), body + ": " + problem);
        }
    }

    private String problemOf(String body, Class<?> type) {
        JsonProcessingException failure = assertThrows(JsonProcessingException.class, () -> strict.readValue(body, type));
        return JsonProblems.describe(failure);
    }
}
