package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tw.twpay.hub.provider.ProviderId;

/**
 * JSON Schemas of request bodies for the OpenAPI document, written from the fields the parsers accept: an object of
 * exactly those fields ({@code additionalProperties: false}), money as {@code #/components/schemas/Money}.
 */
final class RequestBodySchemas {

    private static final String MONEY = "#/components/schemas/Money";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandBodies commandBodies;

    RequestBodySchemas(CommandBodies commandBodies) {
        this.commandBodies = commandBodies;
    }

    static ObjectNode noBody() {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("description", "Nothing is read from the body: send none");
        return schema;
    }

    /**
     * The schema of a body carrying one or more requests (e.g. every operation on a payment) at any provider: each
     * field once, saying which requests and providers read it when not all do.
     */
    ObjectNode of(List<CommandBody> requests) {
        Map<String, List<Variant>> byName = new LinkedHashMap<>();
        for (CommandBody request : requests) {
            for (BodyField field : request.canonicalFields()) {
                byName.computeIfAbsent(field.name(), name -> new ArrayList<>()).add(new Variant(request, null, field));
            }
        }
        for (CommandBody request : requests) {
            commandBodies.providerFields(request).forEach((provider, fields) -> fields.forEach(field ->
                    byName.computeIfAbsent(field.name(), name -> new ArrayList<>())
                            .add(new Variant(request, provider, field))));
        }
        return objectSchema(byName, requests, false);
    }

    /** One declaration of a field: in which request, by which provider (null: canonical). */
    private record Variant(CommandBody request, ProviderId provider, BodyField field) {

        /** e.g. "tappay cancel-refund", "refund", "tappay". */
        String label(boolean withRequest) {
            String who = provider == null ? "" : provider.pathSegment();
            if (!withRequest) {
                return who;
            }
            return who.isEmpty() ? request.requestName() : who + " " + request.requestName();
        }
    }

    private ObjectNode objectSchema(Map<String, List<Variant>> byName, List<CommandBody> requests, boolean nested) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ArrayNode required = JSON.createArrayNode();
        ObjectNode properties = schema.putObject("properties");
        byName.forEach((name, variants) -> {
            properties.set(name, fieldSchema(variants, requests, nested));
            boolean isRequired = nested ? variants.stream().allMatch(v -> v.field().required())
                    : requiredEverywhere(variants, requests);
            if (isRequired) {
                required.add(name);
            }
        });
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    /** A canonical field every request of the body requires (a provider's required field is in its description). */
    private static boolean requiredEverywhere(List<Variant> variants, List<CommandBody> requests) {
        Set<CommandBody> requiring = new LinkedHashSet<>();
        variants.stream().filter(v -> v.provider() == null && v.field().required())
                .forEach(v -> requiring.add(v.request()));
        return requiring.size() == requests.size();
    }

    private ObjectNode fieldSchema(List<Variant> variants, List<CommandBody> requests, boolean nested) {
        BodyField first = variants.get(0).field();
        boolean oneType = variants.stream().allMatch(v -> v.field().type() == first.type());
        BodyField.Type type = oneType ? first.type() : BodyField.Type.ANY;
        boolean money = type == BodyField.Type.OBJECT && first.fields().size() == 2
                && first.fields().get(0).name().equals("value") && first.fields().get(1).name().equals("currency");
        ObjectNode schema = JSON.createObjectNode();
        if (money) {
            schema.putArray("allOf").addObject().put("$ref", MONEY);
        } else if (type == BodyField.Type.OBJECT) {
            Map<String, List<Variant>> children = new LinkedHashMap<>();
            for (Variant variant : variants) {
                for (BodyField child : variant.field().fields()) {
                    children.computeIfAbsent(child.name(), name -> new ArrayList<>())
                            .add(new Variant(variant.request(), variant.provider(), child));
                }
            }
            schema.setAll(objectSchema(children, requests, true));
        } else if (type != BodyField.Type.ANY) {
            schema.put("type", type.name().toLowerCase(Locale.ROOT));
            if (type == BodyField.Type.ARRAY) {
                schema.putObject("items").put("type", "string");
            }
        }
        String description = nested ? texts(variants, false) : description(variants, requests);
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
        if (variants.stream().allMatch(v -> v.field().deprecated())) {
            schema.put("deprecated", true);
        }
        return schema;
    }

    /** The field's description; where requests or providers describe it differently, each one's, labelled. */
    private static String texts(List<Variant> variants, boolean byRequest) {
        Set<String> texts = new LinkedHashSet<>();
        variants.forEach(v -> texts.add(v.field().description()));
        if (texts.size() == 1) {
            return texts.iterator().next();
        }
        Set<String> parts = new LinkedHashSet<>();
        variants.forEach(v -> parts.add(v.label(byRequest || v.provider() == null) + ": " + v.field().description()));
        return String.join("; ", parts);
    }

    /** Its text, then who reads it when not every request and provider does, and which providers require it. */
    private static String description(List<Variant> variants, List<CommandBody> requests) {
        Set<CommandBody> inRequests = new LinkedHashSet<>();
        variants.forEach(v -> inRequests.add(v.request()));
        boolean everyRequest = inRequests.size() == requests.size();
        boolean canonical = variants.stream().anyMatch(v -> v.provider() == null);
        StringBuilder text = new StringBuilder(texts(variants, !everyRequest));
        if (!canonical || !everyRequest) {
            Set<String> readers = new LinkedHashSet<>();
            variants.forEach(v -> readers.add(v.label(!everyRequest)));
            text.append(text.length() == 0 ? "" : ". ").append("Read only by ").append(String.join(", ", readers))
                    .append("; refused elsewhere");
        }
        List<String> requiredBy = variants.stream().filter(v -> v.provider() != null && v.field().required())
                .map(v -> v.provider().pathSegment()).distinct().toList();
        if (!requiredBy.isEmpty()) {
            text.append("; required by ").append(String.join(", ", requiredBy));
        }
        return text.toString();
    }

    /** A body read outside this package: its fields, without claiming that others are refused. */
    static ObjectNode plain(List<BodyField> fields) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("type", "object");
        ArrayNode required = JSON.createArrayNode();
        ObjectNode properties = schema.putObject("properties");
        for (BodyField field : fields) {
            ObjectNode property = properties.putObject(field.name());
            property.put("type", field.type().name().toLowerCase(Locale.ROOT));
            property.put("description", field.description());
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    static ObjectNode money() {
        ObjectNode money = JSON.createObjectNode();
        money.put("type", "object");
        money.put("description", "An amount: a decimal string and an ISO 4217 currency. Without currency the"
                + " amount is read in the order's currency (operations on an order), or the merchant's when it takes"
                + " only one; otherwise it is refused (400 naming amount.currency)");
        money.put("additionalProperties", false);
        money.putArray("required").add("value");
        ObjectNode properties = money.putObject("properties");
        ObjectNode value = properties.putObject("value");
        value.put("type", "string");
        value.put("pattern", "^[0-9]+(\\.[0-9]+)?$");
        value.put("description", "a decimal string, never a JSON number: \"855\", \"1.01\"");
        value.put("example", "855");
        ObjectNode currency = properties.putObject("currency");
        currency.put("type", "string");
        currency.put("pattern", "^[A-Z]{3}$");
        currency.put("example", "TWD");
        return money;
    }
}
