package tw.twpay.hub.provider.newebpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of {@code vectors/newebpay.json}, remembering which of its {@code inputs} and {@code expected} members a
 * test has looked at, so that {@link #assertEveryMemberWasUsed()} can fail when the file gains a value no test checks.
 */
final class PublishedVector {

    private final JsonNode node;
    private final Set<String> used = new LinkedHashSet<>();

    PublishedVector(JsonNode node) {
        this.node = node;
    }

    String id() {
        return node.path("id").asText();
    }

    boolean hasInput(String name) {
        return node.path("inputs").has(name);
    }

    boolean hasExpected(String name) {
        return node.path("expected").has(name);
    }

    String input(String name) {
        return text("inputs", name);
    }

    String expected(String name) {
        return text("expected", name);
    }

    JsonNode inputNode(String name) {
        return member("inputs", name);
    }

    JsonNode expectedNode(String name) {
        return member("expected", name);
    }

    /** An object member of {@code inputs} as an ordered field map; JSON numbers stay numbers, as callers pass them. */
    Map<String, Object> inputFields(String name) {
        return fields(member("inputs", name));
    }

    /** Marks members that describe the vector (endpoint, notes, generator names) rather than values to check. */
    void informational(String section, String... names) {
        for (String name : names) {
            member(section, name);
        }
    }

    Set<String> inputNames() {
        return names("inputs");
    }

    Set<String> expectedNames() {
        return names("expected");
    }

    void assertEveryMemberWasUsed() {
        List<String> unused = new ArrayList<>();
        for (String section : List.of("inputs", "expected")) {
            node.path(section).fieldNames().forEachRemaining(name -> {
                if (!used.contains(section + "." + name)) {
                    unused.add(section + "." + name);
                }
            });
        }
        assertThat(unused).as("members of vector %s that no assertion used", id()).isEmpty();
    }

    static Map<String, Object> fields(JsonNode object) {
        assertThat(object.isObject()).as("expected a JSON object").isTrue();
        Map<String, Object> fields = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> fields.put(field.getKey(),
                field.getValue().isNumber() ? field.getValue().numberValue() : field.getValue().asText()));
        return fields;
    }

    private String text(String section, String name) {
        JsonNode value = member(section, name);
        assertThat(value.isValueNode()).as("%s.%s of %s is a scalar", section, name, id()).isTrue();
        return value.asText();
    }

    private JsonNode member(String section, String name) {
        JsonNode value = node.path(section).get(name);
        assertThat(value).as("%s.%s of %s", section, name, id()).isNotNull();
        used.add(section + "." + name);
        return value;
    }

    private Set<String> names(String section) {
        Set<String> names = new LinkedHashSet<>();
        node.path(section).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
