package org.nanomind.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nanomind.soc.InputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * docs/scenario.schema.json, checked by a JSON Schema validator (networknt, draft 2020-12): it accepts every
 * built-in, example and golden scenario, refuses broken ones that the parser refuses too, and lists the
 * fields the parser reads, no more and no fewer.
 */
class ScenarioSchemaTest {
    static final Path SCHEMA_FILE = Path.of("..", "docs", "scenario.schema.json");
    static final Schema SCHEMA;

    static {
        try {
            SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Files.readString(SCHEMA_FILE));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Every scenario the project ships: built-ins, examples (sweep files are not scenarios) and goldens' scenarios. */
    static Stream<String> scenarios() throws IOException {
        List<String> out = new ArrayList<>(ScenarioFile.BUILTIN);
        for (Path dir : List.of(Path.of("..", "examples"), PolicyRegressionTest.GOLDEN)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> out.add(p.toString()));
            }
        }
        return out.stream().filter(f -> !text(f).lines().anyMatch(l -> l.startsWith("sweep:")));
    }

    static String text(String nameOrPath) {
        try {
            return ScenarioFile.BUILTIN.contains(nameOrPath) ? ScenarioFile.builtinText(nameOrPath) : Files.readString(Path.of(nameOrPath));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyShippedScenarioValidates(String scenario) {
        List<Error> errors = SCHEMA.validate(text(scenario), InputFormat.YAML);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), scenario);
    }

    @Test
    void thereAreScenariosToCheck() throws IOException {
        assertTrue(scenarios().count() >= ScenarioFile.BUILTIN.size() + 5, scenarios().toList().toString());
    }

    /** A broken scenario: the schema reports it at the field, and the parser refuses it too. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "handover: zero-copy|handover: zero-copy\\nresidencey: resident|residencey",
        "quantization: Q4_0|quantization: Q9_K|quantization",
        "threads: 4|threads: 0|threads",
        "duration: 3 events|duration: forever|duration",
        "arrivals: periodic|arrivals: hourly|arrivals",
        "outputs: [summary, series, queries, trace]|outputs: [summary, chart]|outputs"})
    void aBrokenScenarioFailsTheSchemaAndTheParser(String from, String to, String field) {
        String ok = ScenarioFile.builtinText("cascade-tiny");
        assertTrue(ok.contains(from), "cascade-tiny has '" + from + "'");
        String broken = ok.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
        List<Error> errors = SCHEMA.validate(broken, InputFormat.YAML);
        assertTrue(errors.stream().anyMatch(e -> e.toString().contains(field)), field + ": " + errors);
        assertThrows(InputException.class, () -> ScenarioFile.parse(broken, "broken.yaml", null));
    }

    /** The schema's fields are the parser's: a field added to one and not the other fails here. */
    @Test
    void theSchemaListsTheFieldsTheParserReads() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(SCHEMA_FILE)).get("properties");
        assertEquals(new TreeSet<>(ScenarioFile.FIELDS), names(root));
        assertEquals(new TreeSet<>(ScenarioFile.BRICK_FIELDS), names(root.get("bricks").get("items").get("properties")));
        assertEquals(new TreeSet<>(ScenarioFile.VARIANT_FIELDS), names(root.get("variants").get("items").get("properties")));
        assertEquals(new TreeSet<>(ScenarioFile.CAMERA_FIELDS), names(root.get("camera").get("properties")));
        assertEquals(new TreeSet<>(ScenarioFile.WORKLOAD_FIELDS), names(root.get("workload").get("properties")));
        List<String> quantizations = new ArrayList<>();
        root.get("bricks").get("items").get("properties").get("quantization").get("enum").forEach(q -> quantizations.add(q.asString()));
        assertEquals(ScenarioFile.QUANTIZATIONS, quantizations);
        List<String> outputs = new ArrayList<>();
        root.get("outputs").get("items").get("enum").forEach(q -> outputs.add(q.asString()));
        assertEquals(ScenarioFile.OUTPUTS, outputs);
    }

    private static Set<String> names(JsonNode properties) {
        return new TreeSet<>(properties.propertyNames());
    }
}
