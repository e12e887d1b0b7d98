package tw.twpay.hub.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The card-number mask's rule written the slow, obvious way, as the reference {@link SensitiveDataMasker} is checked
 * against (SensitiveDataMaskerTest): every stretch of whole digit groups of a run, 13 to 19 digits, that passes the
 * Luhn check is found; stretches that overlap are joined; each joined stretch keeps its first six and last four
 * digits.
 */
final class EveryStretchCardMask {

    private static final Pattern RUN = Pattern.compile("\\d+(?:[\\p{javaSpaceChar}._/+-]{1,3}\\d+)*");
    private static final Pattern GROUP = Pattern.compile("\\d+");

    private EveryStretchCardMask() {
    }

    static String mask(String text) {
        List<int[]> found = new ArrayList<>();
        Matcher run = RUN.matcher(text);
        while (run.find()) {
            List<int[]> groups = new ArrayList<>();
            Matcher group = GROUP.matcher(text).region(run.start(), run.end());
            while (group.find()) {
                groups.add(new int[] {group.start(), group.end()});
            }
            for (int first = 0; first < groups.size(); first++) {
                for (int last = first; last < groups.size(); last++) {
                    String digits = text.substring(groups.get(first)[0], groups.get(last)[1]).replaceAll("\\D", "");
                    if (digits.length() >= 13 && digits.length() <= 19 && SensitiveDataMasker.passesLuhn(digits)) {
                        found.add(new int[] {groups.get(first)[0], groups.get(last)[1]});
                    }
                }
            }
        }
        found.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> joined = new ArrayList<>();
        for (int[] stretch : found) {
            int[] previous = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (previous != null && stretch[0] < previous[1]) {
                previous[1] = Math.max(previous[1], stretch[1]);
            } else {
                joined.add(stretch.clone());
            }
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (int[] stretch : joined) {
            String digits = text.substring(stretch[0], stretch[1]).replaceAll("\\D", "");
            out.append(text, copied, stretch[0]).append(digits, 0, 6).append("*".repeat(digits.length() - 10))
                    .append(digits.substring(digits.length() - 4));
            copied = stretch[1];
        }
        return out.append(text.substring(copied)).toString();
    }
}
