package org.nanomind.soc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A hostile YAML file gets the project's error naming the file and the limit, never a stack trace. */
class YamlLimitsTest {
    private static InputException refused(String text) {
        return assertThrows(InputException.class, () -> YamlNode.parse(text, "hostile.yaml"));
    }

    @Test
    void deepNestingIsRefusedAtItsPlaceNotByAStackOverflow() {
        InputException flow = refused("a: " + "[".repeat(2000) + "]".repeat(2000));
        assertTrue(flow.getMessage().startsWith("hostile.yaml:1:") && flow.getMessage().contains("deeper than 64 levels"), flow.getMessage());
        StringBuilder block = new StringBuilder("a:\n");
        for (int i = 1; i <= 300; i++) {
            block.append("  ".repeat(i)).append("-\n");
        }
        InputException b = refused(block.toString());
        assertEquals(65, b.line(), "the list opened on line 65 is the 65th level (the top map is the first): " + b.getMessage());
        YamlNode ok = YamlNode.parse("a: " + "[".repeat(YamlNode.MAX_DEPTH - 1) + "]".repeat(YamlNode.MAX_DEPTH - 1), "ok.yaml");
        assertTrue(ok.has("a"), "64 levels (the map and 63 lists) are allowed");
    }

    @Test
    void anAliasBombAndAnOversizedFileAreRefusedWithTheFileNamed() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        String prev = "a";
        for (int i = 0; i < 60; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*").append(prev).append(", *").append(prev).append("]\n");
            prev = "b" + i;
        }
        InputException aliases = refused(bomb.toString());
        assertTrue(aliases.getMessage().startsWith("hostile.yaml: ") && aliases.getMessage().contains("aliases"), aliases.getMessage());
        InputException big = refused("a: \"" + "x".repeat(YamlNode.MAX_CODE_POINTS + 10) + "\"\n");
        assertTrue(big.getMessage().startsWith("hostile.yaml") && big.getMessage().contains("characters"), big.getMessage());
    }
}
