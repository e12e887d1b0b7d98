package tw.twpay.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tw.twpay.hub.ledger.SensitiveDataMasker;
import tw.twpay.hub.provider.ProviderId;
import tw.twpay.hub.provider.ProviderRoutes;
import tw.twpay.hub.web.RejectedRequestException;

/**
 * The fields an ERP request body may have: the request's canonical fields and those its provider declares. A field
 * outside them is refused (400) by name before anything is read, journalled or sent — a misspelt field or a money
 * amount in the wrong shape would otherwise be read as absent (e.g. "refund the whole order").
 */
@Component("commandBodies")
public class CommandBodies {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Map<ProviderId, ProviderRequestFields> byProvider = new TreeMap<>(
            (a, b) -> a.pathSegment().compareTo(b.pathSegment()));
    private final ProviderRoutes routes;

    public CommandBodies(List<ProviderRequestFields> providers, ProviderRoutes routes) {
        this.routes = routes;
        for (ProviderRequestFields provider : providers) {
            if (byProvider.put(provider.provider(), provider) != null) {
                throw new IllegalStateException("two ProviderRequestFields beans for " + provider.provider());
            }
        }
    }

    /** Every field of the request at this provider, canonical first. */
    public List<BodyField> fields(CommandBody request, ProviderId provider) {
        return merged(request.canonicalFields(), providerFields(request, provider));
    }

    /** Per provider (in name order), the fields only it reads in the request; providers reading none are left out. */
    public Map<ProviderId, List<BodyField>> providerFields(CommandBody request) {
        Map<ProviderId, List<BodyField>> fields = new LinkedHashMap<>();
        byProvider.forEach((id, provider) -> {
            if (!provider.fields(request).isEmpty()) {
                fields.put(id, provider.fields(request));
            }
        });
        return fields;
    }

    /** The currencies the provider's merchant takes (TWD for a provider that does not say). */
    public Set<String> currencies(ProviderId provider, String merchant) {
        ProviderRequestFields fields = byProvider.get(provider);
        return fields == null ? Set.of("TWD") : fields.currencies(merchant);
    }

    /**
     * Refuses (400) the first field of the body that neither the request nor its provider reads, naming it; first,
     * a provider that does not offer the request at all is a 404, whatever the body holds.
     */
    public void requireKnownFields(JsonNode body, CommandBody request, ProviderId provider) {
        routes.require(provider, request.kind());
        requireKnown(body, fields(request, provider), "", request, provider);
    }

    private void requireKnown(JsonNode object, List<BodyField> allowed, String path, CommandBody request,
                              ProviderId provider) {
        Map<String, BodyField> byName = new LinkedHashMap<>();
        allowed.forEach(field -> byName.put(field.name(), field));
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            BodyField field = byName.get(entry.getKey());
            if (field == null) {
                throw RejectedRequestException.badRequest("unknown field " + shown(path, entry.getKey()) + " for a "
                        + provider.pathSegment() + " " + request.requestName()
                        + hint(entry.getKey(), path, byName.keySet(), request, provider));
            }
            if (!field.fields().isEmpty() && entry.getValue().isObject()) {
                requireKnown(entry.getValue(), field.fields(), path + field.name() + ".", request, provider);
            }
        }
    }

    /**
     * The field's name as the refusal shows it: the ERP wrote it, so it may be anything — a card number is masked,
     * and a name that is not a plain word (control characters, markup) is described rather than repeated.
     */
    /**
     * A top-level field's name as an error may show it: quoted, a card number in it masked; a name of other
     * characters is not echoed at all.
     */
    public static String shownFieldName(String name) {
        return shown("", name);
    }

    private static String shown(String path, String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            return "in " + (path.isEmpty() ? "the body" : "\"" + path.substring(0, path.length() - 1) + "\"")
                    + " whose name is not letters, digits, '_' or '-'";
        }
        return "\"" + path + SensitiveDataMasker.mask(name) + "\"";
    }

    /** What the ERP most likely meant; never the field's value, which may be anything (a card number). */
    private String hint(String name, String path, Set<String> allowed, CommandBody request, ProviderId provider) {
        if (path.isEmpty() && (name.equals("value") || name.equals("currency")) && allowed.contains("amount")) {
            return "; an amount is an object: \"amount\":{\"value\":\"855\",\"currency\":\"TWD\"}";
        }
        for (String known : allowed) {
            if (known.equalsIgnoreCase(name) || (name.length() >= 4 && distance(known.toLowerCase(Locale.ROOT),
                    name.toLowerCase(Locale.ROOT)) <= 2)) {
                return "; did you mean \"" + path + known + "\"?";
            }
        }
        if (path.isEmpty()) {
            List<String> readers = new ArrayList<>();
            providerFields(request).forEach((other, fields) -> {
                if (!other.equals(provider) && fields.stream().anyMatch(field -> field.name().equals(name))) {
                    readers.add(other.pathSegment());
                }
            });
            if (!readers.isEmpty()) {
                return " (only " + String.join(", ", readers) + " reads it)";
            }
        }
        return "";
    }

    /** Levenshtein distance, for names of a few letters. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private List<BodyField> providerFields(CommandBody request, ProviderId provider) {
        return Optional.ofNullable(byProvider.get(provider)).map(fields -> fields.fields(request)).orElse(List.of());
    }

    /** Both lists, an object declared in both with the fields of both. */
    static List<BodyField> merged(List<BodyField> first, List<BodyField> second) {
        Map<String, BodyField> byName = new LinkedHashMap<>();
        for (BodyField field : first) {
            byName.put(field.name(), field);
        }
        for (BodyField field : second) {
            BodyField known = byName.get(field.name());
            byName.put(field.name(), known == null ? field : new BodyField(known.name(), known.type(),
                    known.description(), known.required(), known.deprecated(), merged(known.fields(), field.fields())));
        }
        return List.copyOf(byName.values());
    }
}
