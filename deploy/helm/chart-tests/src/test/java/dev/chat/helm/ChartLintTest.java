package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void passesStrictLintWithItsDefaultValues() {
        LintResult result = ChartUnderTest.lint();

        assertFalse(result.isFailed(), () -> "helm lint --strict: " + String.join("\n", result.getMessages()));
    }

    @Test
    void passesStrictLintWithTheProductionValues() {
        LintResult result = ChartUnderTest.lintWith(ChartUnderTest.PRODUCTION_VALUES);

        assertFalse(result.isFailed(), () -> "helm lint --strict -f values-production.yaml: " + String.join("\n", result.getMessages()));
    }
}
