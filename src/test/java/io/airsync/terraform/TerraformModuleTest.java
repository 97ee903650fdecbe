package io.airsync.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module hangs together: it parses, every name it uses is declared, every input is documented and used. */
class TerraformModuleTest {

    private static final Pattern VAR_REF = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_-]*)");
    private static final Pattern LOCAL_REF = Pattern.compile("\\blocal\\.([A-Za-z_][A-Za-z0-9_-]*)");
    // aws_x.name or data.aws_x.name, not preceded by a dot or word character (so not "foo.aws_x").
    private static final Pattern RESOURCE_REF =
            Pattern.compile("(?<![\\w.])(data\\.)?(aws_[a-z0-9_]+)\\.([A-Za-z_][A-Za-z0-9_-]*)");

    private final TerraformModule module = TerraformModule.load();

    @Test
    void everyExpectedFileIsThereAndParses() {
        Set<String> expected = Set.of("versions.tf", "variables.tf", "outputs.tf", "function.tf", "state.tf",
                "reports.tf", "schedule.tf", "secrets.tf", "monitoring.tf", "iam.tf");
        assertTrue(module.tfFiles().keySet().containsAll(expected),
                "missing Terraform files: " + difference(expected, module.tfFiles().keySet()));
        assertTrue(Files.exists(TerraformModule.TERRAFORM_DIR.resolve("README.md")), "terraform/README.md is missing");
        module.tfvarsExample();
    }

    @Test
    void theParserRefusesBrokenHcl(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.tf"), "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \n}\n");
        AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> TerraformModule.parse(dir));
        assertTrue(error.getMessage().contains("broken.tf"), "the error names the file: " + error.getMessage());
    }

    @Test
    void terraformAndTheAwsProviderArePinned() {
        JsonNode terraform = TerraformModule.single(module.files.get("versions.tf").path("terraform"));
        assertTrue(TerraformModule.text(terraform, "required_version").startsWith(">="), "required_version is set");
        JsonNode aws = TerraformModule.single(terraform.path("required_providers")).path("aws");
        assertEquals("hashicorp/aws", TerraformModule.text(aws, "source"));
        String version = TerraformModule.text(aws, "version");
        assertTrue(version.matches("~> ?[56]\\.\\d+"), "the AWS provider is pinned to one major version: " + version);
    }

    @Test
    void everyVariableHasADescriptionAndAType() {
        module.variables().forEach((name, body) -> {
            assertTrue(body.path("description").isTextual() && body.path("description").asText().length() > 10,
                    "variable " + name + " has no real description");
            assertTrue(body.path("type").isTextual(), "variable " + name + " has no type");
        });
    }

    @Test
    void everyUsedVariableIsDeclaredAndEveryDeclaredOneIsUsed() {
        Set<String> used = referencedNames(VAR_REF);
        Set<String> declared = new TreeSet<>(module.variables().keySet());
        assertEquals(Set.of(), difference(used, declared), "var.X used but not declared");
        assertEquals(Set.of(), difference(declared, used), "variables declared but never used");
    }

    @Test
    void everyUsedLocalIsDeclaredAndEveryDeclaredOneIsUsed() {
        Set<String> used = referencedNames(LOCAL_REF);
        Set<String> declared = new TreeSet<>(module.locals().keySet());
        assertEquals(Set.of(), difference(used, declared), "local.X used but not declared");
        assertEquals(Set.of(), difference(declared, used), "locals declared but never used");
    }

    @Test
    void everyReferencedResourceOrDataSourceIsDeclared() {
        Set<String> declared = new TreeSet<>();
        module.allBlockAddresses().forEach(address -> declared.add(address.startsWith("resource.")
                ? address.substring("resource.".length()) : address));
        Set<String> referenced = new TreeSet<>();
        for (String s : module.allStrings()) {
            for (String expression : expressionsIn(s)) {
                Matcher m = RESOURCE_REF.matcher(expression);
                while (m.find()) {
                    referenced.add((m.group(1) == null ? "" : "data.") + m.group(2) + "." + m.group(3));
                }
            }
        }
        assertFalse(referenced.isEmpty(), "the reference scan found nothing: the scan is broken");
        assertEquals(Set.of(), difference(referenced, declared), "references to undeclared resources/data sources");
    }

    @Test
    void everyOutputHasADescription() {
        assertFalse(module.outputs().isEmpty());
        module.outputs().forEach((name, body) -> assertTrue(body.path("description").isTextual(),
                "output " + name + " has no description"));
    }

    @Test
    void theTfvarsExampleSetsEveryRequiredVariableAndNothingUndeclared() {
        Map<String, JsonNode> variables = module.variables();
        Set<String> set = new TreeSet<>();
        module.tfvarsExample().fieldNames().forEachRemaining(set::add);
        assertEquals(Set.of(), difference(set, variables.keySet()), "the example sets undeclared variables");
        variables.forEach((name, body) -> {
            if (!body.has("default")) {
                assertTrue(set.contains(name), "required variable " + name + " is missing from the example");
            }
        });
    }

    @Test
    void theReadmeTablesListEveryInputAndOutput() throws IOException {
        String readme = Files.readString(TerraformModule.TERRAFORM_DIR.resolve("README.md"));
        for (String name : module.variables().keySet()) {
            assertTrue(readme.contains("| `" + name + "` |"), "terraform/README.md inputs table lacks " + name);
        }
        for (String name : module.outputs().keySet()) {
            assertTrue(readme.contains("| `" + name + "` |"), "terraform/README.md outputs table lacks " + name);
        }
    }

    private Set<String> referencedNames(Pattern pattern) {
        Set<String> names = new TreeSet<>();
        for (String s : module.allStrings()) {
            for (String expression : expressionsIn(s)) {
                Matcher m = pattern.matcher(expression);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The ${...} parts of a string (with nested braces), where references can be. */
    static List<String> expressionsIn(String s) {
        List<String> expressions = new ArrayList<>();
        int i = s.indexOf("${");
        while (i >= 0) {
            int depth = 0;
            int end = -1;
            for (int j = i + 1; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    end = j;
                    break;
                }
            }
            if (end < 0) {
                fail("unbalanced ${ in " + s);
            }
            expressions.add(s.substring(i + 2, end));
            i = s.indexOf("${", end);
        }
        return expressions;
    }

    static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
