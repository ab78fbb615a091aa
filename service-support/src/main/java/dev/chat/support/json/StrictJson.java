package dev.chat.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.chat.common.protocol.Texts;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every service reads JSON strictly, REST bodies, socket frames and events alike: a document
 * that names a field twice, or has anything but white space after its value, is refused
 * ({@link JsonProblems} says how) instead of being read as its last value or its first object.
 * Both checks are Jackson's own, made while the document is read. A string that holds a lone
 * surrogate (an unpaired {@code \ud800}-{@code \udfff} escape, which is no text and cannot be
 * written out again as UTF-8) is refused as well ({@link WellFormedStrings}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Makes {@code mapper} strict; for the mappers that Quarkus does not make. */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("well-formed-strings").addDeserializer(String.class, new WellFormedStrings()));
        return mapper;
    }

    /** Jackson's strings, refused when {@link Texts#isWellFormed} is not. */
    static final class WellFormedStrings extends StringDeserializer {

        static final String LONE_SURROGATE = "holds a lone surrogate";

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && !Texts.isWellFormed(value)) {
                throw InvalidFormatException.from(parser, LONE_SURROGATE, value, String.class);
            }
            return value;
        }
    }
}
