package tw.twpay.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SensitiveDataMaskerTest {

    @Test
    void masksCardNumbersKeepingBinAndLastFour() {
        assertThat(SensitiveDataMasker.mask("card=4111111111111111&x=1")).isEqualTo("card=411111******1111&x=1");
        assertThat(SensitiveDataMasker.mask("{\"pan\":\"5555 5555 5555 4444\"}")).isEqualTo("{\"pan\":\"555555******4444\"}");
    }

    @Test
    void masksCardNumbersWrittenWithAnySeparatorInFreeText() {
        for (String written : new String[] {"4000 2211 1111 1112", "4000-2211-1111-1112", "4000.2211.1111.1112",
                "4000_2211_1111_1112", "4000221111111112", "4000\u00a02211\u00a01111\u00a01112",
                "4000\u202f2211\u30001111\u20091112", "4000  2211  1111  1112", "4000/2211/1111/1112",
                "4000+2211+1111+1112", "4000 - 2211 - 1111 - 1112", "4000 -2211- 1111 1112"}) {
            assertThat(SensitiveDataMasker.mask("please charge " + written + " again"))
                    .as(written).isEqualTo("please charge 400022******1112 again");
        }
    }

    /** Dates, amounts, phone numbers and numbers further apart than three separators are no card numbers. */
    @Test
    void leavesDatesAmountsAndNumbersFurtherApartAlone() {
        for (String text : new String[] {"delivered 2026/11/27, paid 2026/11/20", "2026/11/27 12:30:45",
                "from 2026/11/27 to 2026/12/27", "NT$ 12,500 + 1,500 shipping = 14,000", "12500 + 1500 + 300 + 60 + 8",
                "call +886 912 345 678 or +886 2 2345 6789", "4000 2211    1111 1112", "4000 2211, 1111 1112",
                "4000 2211 /// 1111 1112"}) {
            assertThat(SensitiveDataMasker.mask(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void masksTheShortestCardNumbersSeparatorsAndAllAndOnlyWhereTheDigitsRunOn() {
        // 13 digits (an old Visa test number), the shortest the mask looks for, split every way it accepts
        assertThat(SensitiveDataMasker.mask("pan 4222222222222.")).isEqualTo("pan 422222***2222.");
        assertThat(SensitiveDataMasker.mask("pan 4-2-2-2-2-2-2-2-2-2-2-2-2")).isEqualTo("pan 422222***2222");
        assertThat(SensitiveDataMasker.mask("4222 2222 2222 2 and more")).isEqualTo("422222***2222 and more");
        // up to three separators in a row join the groups; a fourth ends the number, and neither half is one
        assertThat(SensitiveDataMasker.mask("4222 2222 -2222 2")).isEqualTo("422222***2222");
        assertThat(SensitiveDataMasker.mask("4222 2222 - -2222 2")).isEqualTo("4222 2222 - -2222 2");
        assertThat(SensitiveDataMasker.mask("422222222222")).isEqualTo("422222222222");
    }

    @Test
    void leavesOtherLongNumbersAlone() {
        // a NewebPay TradeNo that fails the Luhn check stays readable for support
        assertThat(SensitiveDataMasker.mask("TradeNo=23092714215835071")).isEqualTo("TradeNo=23092714215835071");
        assertThat(SensitiveDataMasker.mask("Amt=855&TimeStamp=1695795410")).isEqualTo("Amt=855&TimeStamp=1695795410");
        assertThat(SensitiveDataMasker.mask(null)).isNull();
    }

    /**
     * The audit's misses: a card number with another digit group right after or before it, one separator apart, was
     * judged only as part of the longer stretch (which fails the check) and came back readable.
     */
    @Test
    void masksACardNumberNextToOtherDigitGroups() {
        assertThat(SensitiveDataMasker.mask("card 4111111111111111 12/30 cvc 123"))
                .isEqualTo("card 411111******1111 12/30 cvc 123");
        assertThat(SensitiveDataMasker.mask("4111 1111 1111 1111 123")).isEqualTo("411111******1111 123");
        assertThat(SensitiveDataMasker.mask("exp 12 4111111111111111")).isEqualTo("exp 12 411111******1111");
        assertThat(SensitiveDataMasker.mask("paid by 4000-2211-1111-1112 06/31"))
                .isEqualTo("paid by 400022******1112 06/31");
        assertThat(SensitiveDataMasker.mask("4111111111111111")).isEqualTo("411111******1111");
    }

    @Test
    void masksTwoCardNumbersOneSeparatorApartAndJoinsStretchesThatOverlap() {
        assertThat(SensitiveDataMasker.mask("4111111111111111 5555555555554444"))
                .isEqualTo("411111******1111 555555******4444");
        // "6 4111 1111 1111" passes the check as well as the card behind it: masking only the first would leave
        // 13 of the card's 16 digits readable, so the two are masked as one
        assertThat(SensitiveDataMasker.passesLuhn("6411111111111")).isTrue();
        assertThat(SensitiveDataMasker.mask("6 4111 1111 1111 1111")).isEqualTo("641111*******1111");
    }

    @Test
    void neverCutsAnUnbrokenDigitStringNorMasksTradeNumbersBesideOtherDigits() {
        // a 17-digit trade number fails the check; stretches inside it are not looked at, whatever they would give
        assertThat(SensitiveDataMasker.mask("TradeNo 23092714215835071 2023 09 27"))
                .isEqualTo("TradeNo 23092714215835071 2023 09 27");
        assertThat(SensitiveDataMasker.mask("41111111111111112")).isEqualTo("41111111111111112");
    }

    /**
     * Against the rule written the slow, obvious way (every stretch of whole groups tried, overlapping ones joined),
     * on random texts of digits, separators and other characters, with real card numbers mixed in.
     */
    @Test
    void findsWhatTryingEveryStretchFinds() {
        SplittableRandom random = new SplittableRandom(20261127);
        String alphabet = "0123456789012345678901234567890123456789 -._ :a&=\"/+\u00a0\u3000";
        String[] cards = {"4111111111111111", "4000 2211 1111 1112", "5555-5555-5555-4444", "4222222222222",
                "4000\u00a02211  1111 - 1112"};
        for (int sample = 0; sample < 20_000; sample++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(40) == 0) {
                    text.append(cards[random.nextInt(cards.length)]);
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            assertThat(SensitiveDataMasker.mask(text.toString())).as(text.toString())
                    .isEqualTo(EveryStretchCardMask.mask(text.toString()));
        }
    }

    /** Where the former mask (the pattern's longest stretch only) masked, the mask still does, the same way. */
    @Test
    void masksAtLeastWhatTheFormerMaskMasked() {
        SplittableRandom random = new SplittableRandom(11272026);
        String alphabet = "0123456789012345678901234567890123456789 -._ :a&=\"";
        for (int sample = 0; sample < 20_000; sample++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String former = WholeTextCardMask.mask(text.toString());
            if (!former.equals(text.toString())) {
                assertThat(SensitiveDataMasker.mask(text.toString()).chars().filter(c -> c == '*').count())
                        .as(text.toString()).isGreaterThanOrEqualTo(former.chars().filter(c -> c == '*').count());
            }
        }
    }
}
