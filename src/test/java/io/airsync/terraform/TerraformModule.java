package io.airsync.terraform;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airsync.testing.BoundedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Terraform module under {@code terraform/}, parsed by {@code infra/node/tf-to-json.mjs} (npm
 * {@code @cdktf/hcl2json}) into Terraform's JSON syntax: a block is an array of bodies, an expression is a
 * {@code "${...}"} string. No Terraform binary is needed. Parsed once per test JVM.
 */
final class TerraformModule {

    static final Path BASE_DIR = Path.of(System.getProperty("user.dir"));
    static final Path TERRAFORM_DIR = BASE_DIR.resolve("terraform");
    static final Path PARSER = BASE_DIR.resolve("infra/node/tf-to-json.mjs");

    private static TerraformModule loaded;

    /** File name -> parsed file, for every *.tf (and the tfvars example) in name order. */
    final Map<String, JsonNode> files;

    private TerraformModule(Map<String, JsonNode> files) {
        this.files = files;
    }

    static synchronized TerraformModule load() {
        if (loaded == null) {
            loaded = new TerraformModule(parse(TERRAFORM_DIR));
        }
        return loaded;
    }

    /** Runs the node parser on a folder; fails the test with the parser's own message. */
    static Map<String, JsonNode> parse(Path folder) {
        Path hcl2json = BASE_DIR.resolve("infra/node/node_modules/@cdktf/hcl2json/package.json");
        if (!Files.exists(hcl2json)) {
            fail("npm package @cdktf/hcl2json is not installed: run `npm ci` in infra/node");
        }
        BoundedProcess.Result result;
        try {
            result = BoundedProcess.run(new ProcessBuilder("node", PARSER.toString(), folder.toString())
                    .directory(BASE_DIR.toFile()), Duration.ofMinutes(5));
        } catch (IOException e) {
            throw new AssertionError("`node` (Node.js 20) is not on the PATH; the Terraform tests need it to run "
                    + BASE_DIR.relativize(PARSER), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (result.timedOut()) {
            fail("tf-to-json.mjs did not finish in 5 minutes (hang guard):\n" + result.errors());
        }
        if (result.exitCode() != 0) {
            fail("Terraform files in " + folder + " do not parse (exit " + result.exitCode() + "):\n" + result.errors());
        }
        try {
            JsonNode root = new ObjectMapper().readTree(result.output());
            Map<String, JsonNode> byFile = new LinkedHashMap<>();
            root.fields().forEachRemaining(e -> byFile.put(e.getKey(), e.getValue()));
            return byFile;
        } catch (IOException e) {
            throw new AssertionError("could not read the output of tf-to-json.mjs", e);
        }
    }

    /** The .tf files only (not the tfvars example). */
    Map<String, JsonNode> tfFiles() {
        Map<String, JsonNode> tf = new LinkedHashMap<>();
        files.forEach((name, json) -> {
            if (name.endsWith(".tf")) {
                tf.put(name, json);
            }
        });
        return tf;
    }

    JsonNode tfvarsExample() {
        JsonNode example = files.get("terraform.tfvars.example");
        assertNotNull(example, "terraform/terraform.tfvars.example is missing");
        return example;
    }

    /** Blocks of one kind with two labels ("resource"/"data" + type): name -> body. */
    Map<String, JsonNode> blocks(String kind, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        tfFiles().values().forEach(file -> file.path(kind).path(type).fields()
                .forEachRemaining(e -> found.put(e.getKey(), single(e.getValue()))));
        return found;
    }

    Map<String, JsonNode> resources(String type) {
        return blocks("resource", type);
    }

    JsonNode resource(String type, String name) {
        JsonNode body = resources(type).get(name);
        assertNotNull(body, "resource \"" + type + "\" \"" + name + "\" is not declared");
        return body;
    }

    Map<String, JsonNode> dataSources(String type) {
        return blocks("data", type);
    }

    JsonNode dataSource(String type, String name) {
        JsonNode body = dataSources(type).get(name);
        assertNotNull(body, "data \"" + type + "\" \"" + name + "\" is not declared");
        return body;
    }

    /** Every resource/data type -> names, as "resource.TYPE.NAME" / "data.TYPE.NAME". */
    List<String> allBlockAddresses() {
        List<String> addresses = new ArrayList<>();
        for (String kind : List.of("resource", "data")) {
            tfFiles().values().forEach(file -> file.path(kind).fields().forEachRemaining(type -> type.getValue()
                    .fieldNames().forEachRemaining(name -> addresses.add(kind + "." + type.getKey() + "." + name))));
        }
        return addresses;
    }

    /** Labelled top-level blocks with one label (variable, output): name -> body. */
    Map<String, JsonNode> named(String kind) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        tfFiles().values().forEach(file -> file.path(kind).fields()
                .forEachRemaining(e -> found.put(e.getKey(), single(e.getValue()))));
        return found;
    }

    Map<String, JsonNode> variables() {
        return named("variable");
    }

    Map<String, JsonNode> outputs() {
        return named("output");
    }

    /** All locals of all files: name -> value. */
    Map<String, JsonNode> locals() {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        tfFiles().values().forEach(file -> file.path("locals")
                .forEach(block -> block.fields().forEachRemaining(e -> found.put(e.getKey(), e.getValue()))));
        return found;
    }

    JsonNode local(String name) {
        JsonNode value = locals().get(name);
        assertNotNull(value, "local." + name + " is not declared");
        return value;
    }

    /** Every string in the .tf files (attribute values and expressions; comments are gone). */
    List<String> allStrings() {
        List<String> strings = new ArrayList<>();
        tfFiles().values().forEach(file -> visitStrings(file, strings::add));
        return strings;
    }

    static void visitStrings(JsonNode node, Consumer<String> visitor) {
        if (node.isTextual()) {
            visitor.accept(node.asText());
        } else if (node.isContainerNode()) {
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                visitStrings(it.next(), visitor);
            }
            // Object keys can be expressions too (e.g. a map key "${var.x}").
            if (node.isObject()) {
                node.fieldNames().forEachRemaining(visitor);
            }
        }
    }

    /** A block's body: hcl2json turns every block into an array of bodies. */
    static JsonNode single(JsonNode blockArray) {
        if (blockArray.isArray()) {
            if (blockArray.size() != 1) {
                throw new AssertionError("expected one block, found " + blockArray.size() + ": " + blockArray);
            }
            return blockArray.get(0);
        }
        return blockArray;
    }

    /** The single nested block of a body (e.g. "ttl"), failing clearly when absent. */
    static JsonNode block(JsonNode body, String name) {
        JsonNode nested = body.path(name);
        if (nested.isMissingNode() || nested.isNull()) {
            throw new AssertionError("block \"" + name + "\" is missing in " + body);
        }
        return single(nested);
    }

    /** Every body of a repeated nested block (e.g. "statement", "rule"); empty when absent. */
    static List<JsonNode> blocksOf(JsonNode body, String name) {
        List<JsonNode> list = new ArrayList<>();
        body.path(name).forEach(list::add);
        return list;
    }

    static String text(JsonNode body, String attribute) {
        JsonNode value = body.path(attribute);
        if (!value.isTextual()) {
            throw new AssertionError("attribute \"" + attribute + "\" is not a string in " + body);
        }
        return value.asText();
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
