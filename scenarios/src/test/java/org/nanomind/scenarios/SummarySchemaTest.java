package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** docs/summary.schema.json describes what runs write: a timing run, a functional run and a graph run validate. */
class SummarySchemaTest {
    static final Schema SCHEMA;

    static {
        try {
            SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(Path.of("..", "docs", "summary.schema.json")));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cascade", "cascade-tiny", "../examples/resnet18-cpu.yaml"})
    void aRunsSummaryFollowsTheSchema(String scenario, @TempDir Path out) throws IOException {
        Scenario sc = ScenarioFile.named(scenario);
        Runner.run(sc.withUntil(Math.min(sc.untilSeconds(), 1800)), out, null);
        String json = Files.readString(out.resolve("summary.json"));
        List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), scenario);
        List<Error> broken = SCHEMA.validate(json.replace("\"accuracy\" :", "\"acuracy\" :"), InputFormat.JSON);
        assertFalse(broken.isEmpty(), "a misnamed section fails the schema");
    }

    /** A figure that does not exist is null, not a word: a run that answered no event has null latencies. */
    @org.junit.jupiter.api.Test
    void aMissingFigureIsNull(@TempDir Path out) throws IOException {
        Runner.run(ScenarioFile.named("cascade").withUntil(1), out, null);
        String json = Files.readString(out.resolve("summary.json"));
        var latency = new tools.jackson.databind.ObjectMapper().readTree(json).get("latency_s");
        assertEquals(0, new tools.jackson.databind.ObjectMapper().readTree(json).get("queries").asInt());
        assertEquals(true, latency.get("p50").isNull(), json);
        assertEquals(List.of(), SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList());
        assertFalse(SCHEMA.validate(json.replaceFirst("\"p50\" : null", "\"p50\" : \"none\""), InputFormat.JSON).isEmpty(),
                "a word where a number belongs fails the schema");
    }
}
