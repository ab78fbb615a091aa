package dev.chat.helm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The two values files the chart is tested with. */
enum Rendering {

    DEFAULT_VALUES(ChartUnderTest.DEFAULT_VALUES, ChartUnderTest::defaults, ChartUnderTest::defaultHooks),
    PRODUCTION_VALUES(ChartUnderTest.PRODUCTION_VALUES, ChartUnderTest::production, ChartUnderTest::productionHooks);

    private final Path valuesFile;
    private final Supplier<Manifests> manifests;
    private final Supplier<Manifests> hooks;

    Rendering(Path valuesFile, Supplier<Manifests> manifests, Supplier<Manifests> hooks) {
        this.valuesFile = valuesFile;
        this.manifests = manifests;
        this.hooks = hooks;
    }

    /** The release's resources. */
    Manifests manifests() {
        return manifests.get();
    }

    /** The hook resources: the schema job and the test pod. */
    Manifests hooks() {
        return hooks.get();
    }

    /** The values the chart rendered with: its defaults with this file over them. */
    JsonNode chartValues() {
        try {
            JsonNode defaults = ChartUnderTest.YAML.readTree(ChartUnderTest.DEFAULT_VALUES.toFile());
            return this == DEFAULT_VALUES ? defaults
                    : ChartUnderTest.merge(defaults, ChartUnderTest.YAML.readTree(valuesFile.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every service under both values files, as (rendering, service) arguments. */
    static Stream<Arguments> everyService() {
        return Stream.of(values()).flatMap(rendering -> ChartUnderTest.SERVICES.stream()
                .map(service -> Arguments.of(rendering, service)));
    }
}
