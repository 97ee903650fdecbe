package io.airsync.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the README's architecture picture (production code only): no cycle between io.airsync.*
 * packages, and each package uses only the packages below it. A new dependency that points up fails here with the
 * offending classes named; a new package must be placed in {@link #ALLOWED} (and in the README's table).
 */
class ArchitectureTest {

    /** Each package and the io.airsync packages it may use (besides itself). */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        allow("lambda", "sync", "mapping", "report", "config", "time");
        allow("sync", "source", "convert", "plan", "write", "airtable", "schema", "mapping", "fieldtype", "state",
                "report", "secrets", "config", "time", "aws", "profile");
        allow("write", "plan", "airtable");
        allow("plan", "convert", "mapping", "fieldtype", "airtable", "profile");
        allow("profile", "convert", "mapping", "fieldtype");
        allow("convert", "mapping", "fieldtype", "airtable");
        allow("source", "mapping", "config");
        allow("state", "plan", "config", "aws");
        allow("report", "config", "aws", "profile", "airtable");
        allow("secrets", "config", "aws");
        allow("schema", "mapping", "fieldtype", "airtable");
        allow("mapping", "fieldtype", "airtable");
        allow("fieldtype", "airtable");
        allow("airtable", "config", "time");
        allow("config");
        allow("time");
        allow("aws");
    }

    static JavaClasses production;

    private static void allow(String pkg, String... uses) {
        ALLOWED.put(pkg, new TreeSet<>(Set.of(uses)));
    }

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.airsync");
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching("io.airsync.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        for (Map.Entry<String, Set<String>> p : ALLOWED.entrySet()) {
            String[] allowed = new String[p.getValue().size() + 1];
            allowed[0] = "io.airsync." + p.getKey() + "..";
            int i = 1;
            for (String use : p.getValue()) {
                allowed[i++] = "io.airsync." + use + "..";
            }
            classes().that().resideInAPackage("io.airsync." + p.getKey() + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("io.airsync..").or(resideInAnyPackage(allowed)))
                    .allowEmptyShould(true)
                    .check(production);
        }
    }

    @Test
    void everyPackageHasItsPlaceInTheRules() {
        Set<String> packages = new TreeSet<>();
        production.forEach(c -> {
            String rest = c.getPackageName().substring("io.airsync".length());
            if (!rest.isEmpty()) {
                packages.add(rest.substring(1).split("\\.")[0]);
            }
        });
        packages.removeAll(ALLOWED.keySet());
        org.junit.jupiter.api.Assertions.assertEquals(Set.of(), packages,
                "packages missing from the layering rules (and from the README's table)");
    }
}
