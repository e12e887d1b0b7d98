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
                "4000_2211_1111_1112", "4000221111111112"}) {
            assertThat(SensitiveDataMasker.mask("please charge " + written + " again"))
                    .as(written).isEqualTo("please charge 400022******1112 again");
        }
    }

    @Test
    void masksTheShortestCardNumbersSeparatorsAndAllAndOnlyWhereTheDigitsRunOn() {
        // 13 digits (an old Visa test number), the shortest the mask looks for, split every way it accepts
        assertThat(SensitiveDataMasker.mask("pan 4222222222222.")).isEqualTo("pan 422222***2222.");
        assertThat(SensitiveDataMasker.mask("pan 4-2-2-2-2-2-2-2-2-2-2-2-2")).isEqualTo("pan 422222***2222");
        assertThat(SensitiveDataMasker.mask("4222 2222 2222 2 and more")).isEqualTo("422222***2222 and more");
        // two separators in a row end a number: neither half is one
        assertThat(SensitiveDataMasker.mask("4222 2222 -2222 2")).isEqualTo("4222 2222 -2222 2");
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
     * The masker runs its pattern only within runs of digits long enough to hold a card number; it must find exactly
     * what the pattern finds searching the whole text. Random texts of digits, separators and other characters,
     * against the plain whole-text search.
     */
    @Test
    void findsWhatThePatternFindsInTheWholeText() {
        SplittableRandom random = new SplittableRandom(20261127);
        String alphabet = "0123456789012345678901234567890123456789 -._ :a&=\"";
        for (int sample = 0; sample < 20_000; sample++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(SensitiveDataMasker.mask(text.toString())).as(text.toString())
                    .isEqualTo(WholeTextCardMask.mask(text.toString()));
        }
    }
}
