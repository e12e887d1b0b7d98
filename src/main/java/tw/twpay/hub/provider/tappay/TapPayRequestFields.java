package tw.twpay.hub.provider.tappay;

import static tw.twpay.hub.api.BodyField.bool;
import static tw.twpay.hub.api.BodyField.integer;
import static tw.twpay.hub.api.BodyField.object;
import static tw.twpay.hub.api.BodyField.text;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.BodyField;
import tw.twpay.hub.api.CommandBody;
import tw.twpay.hub.api.ProviderRequestFields;
import tw.twpay.hub.provider.ProviderId;

/** The request fields TapPay's operations read besides the canonical ones; README "TapPay", "Commands (ERP API)". */
@Component("tapPayRequestFields")
public class TapPayRequestFields implements ProviderRequestFields {

    private final TapPayMerchants merchants;

    public TapPayRequestFields(TapPayMerchants merchants) {
        this.merchants = merchants;
    }

    @Override
    public ProviderId provider() {
        return TapPay.ID;
    }

    @Override
    public Set<String> currencies(String merchant) {
        return merchants.require(merchant).currencies();
    }

    @Override
    public List<BodyField> fields(CommandBody request) {
        return switch (request) {
            case CREATE_PAYMENT -> List.of(
                    text("prime", "what TapPay's front-end SDK returned for the card or wallet").asRequired(),
                    cardholder("TapPay's cardholder: phone, name and email required").asRequired(),
                    capture(), details(),
                    bool("threeDS", "3-D Secure: answers a REDIRECT to TapPay's payment_url (needs returnUrl)"),
                    text("returnUrl", "where TapPay sends the customer after 3-D Secure or a wallet:"
                            + " an https:// URL, TapPay takes no other"),
                    text("goBackUrl", "where TapPay sends a customer who gives up"),
                    bool("remember", "store the card for later charges (answers its cardRef)"),
                    integer("installments", "instalment periods, 0 to 36 (TapPay instalment)"),
                    integer("instalment", "the old name of installments, still read").asDeprecated());
            case PAY_BY_BARCODE -> List.of(
                    text("barcode", "the barcode the customer shows").asRequired(), capture(), details());
            case CHARGE_CARD -> List.of(capture(), details());
            case CANCEL_REFUND -> List.of(text("refundId", "the refund to withdraw; the last refund when absent"));
            case BIND_CARD -> List.of(
                    text("prime", "what TapPay's front-end SDK returned for the card").asRequired(),
                    text("currency", "the currency the card will be charged in; TWD when absent"),
                    cardholder("TapPay's cardholder: phone, name and email required").asRequired());
            case PUSH_TOKEN -> List.of(text("tspPushToken", "the token the bank's app pushed").asRequired());
            case UPDATE_CARDHOLDER -> List.of(cardholder("only the fields given are sent").asRequired());
            case CHECK_AFFILIATE_CODE -> List.of(text("affiliateCodeName", "").asRequired(),
                    text("affiliateCodeGroupName", ""));
            case GET_BARCODE -> List.of(integer("length", "5 to 60; TapPay's default when absent"),
                    integer("validSeconds", "1 to 86400; TapPay's default (90) when absent"));
            default -> List.of();
        };
    }

    private static BodyField cardholder(String description) {
        return object("cardholder", description, text("phone", "E.164 (+886912345678) or 09xxxxxxxx"),
                text("name", "at most 40 characters"), text("email", "at most 40 characters"),
                text("zipCode", ""), text("address", ""), text("nationalId", ""),
                text("memberId", "the member id Get Member Card lists the card under"));
    }

    private static BodyField capture() {
        return text("capture", "auto (default: captured the same day) or manual (captured on request)");
    }

    private static BodyField details() {
        return text("details", "TapPay's details, at most 100 characters; the description when absent");
    }
}
