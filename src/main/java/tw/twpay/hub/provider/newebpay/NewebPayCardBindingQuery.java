package tw.twpay.hub.provider.newebpay;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tw.twpay.hub.api.CardCommandApi.CardBindingQuery;
import tw.twpay.hub.provider.CommandResult;
import tw.twpay.hub.provider.GatewayCall;
import tw.twpay.hub.provider.GatewayOperation;
import tw.twpay.hub.provider.GatewayRequest;
import tw.twpay.hub.web.RejectedRequestException;

/** NPA-B103 ({@code /API/TokenCard/query}): is the cardholder's card bound to the token, and since when? */
@Component("newebPayCardBindingQuery")
public class NewebPayCardBindingQuery implements GatewayOperation<CardBindingQuery> {

    private static final String BINDING_QUERY_VERSION = "2.0";

    private final NewebPayMerchants merchants;
    private final Clock clock;

    public NewebPayCardBindingQuery(NewebPayMerchants merchants, Clock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    @Override
    public GatewayRequest request(CardBindingQuery query) {
        NewebPayMerchant merchant = merchants.require(query.merchant(), NewebPayMerchantKind.NDNF);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("MerchantID", merchant.merchantId());
        fields.put("TimeStamp", clock.instant().getEpochSecond());
        fields.put("TokenTerm", query.tokenTerm());
        fields.put("TokenValue", query.tokenValue());
        SealedTradeInfo sealed = merchant.codec().seal(fields);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("UID_", merchant.merchantId());
        form.put("Version_", BINDING_QUERY_VERSION);
        form.put("RespondType_", "JSON");
        form.put("EncryptData_", sealed.tradeInfo());
        form.put("HashData_", sealed.tradeSha());
        return GatewayRequest.form(merchant.gatewayUrl("/API/TokenCard/query"), form, query)
                .withTimeout(NewebPay.CALL_TIMEOUT);
    }

    /** CAUtokenCreateStatus 1 = bound, 0 = not bound; CAUtokenCreateDate yyyyMMdd. */
    @Override
    public CommandResult answer(GatewayCall call) {
        CardBindingQuery query = call.context(CardBindingQuery.class);
        NewebPayPayload payload = NewebPayTokenCharges.parse(call.successBody());
        if (!payload.isSuccess()) {
            throw new RejectedRequestException(422, "NewebPay could not tell the binding of " + query.tokenTerm() + ": "
                    + payload.status() + " " + payload.message());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("provider", NewebPay.CODE);
        response.put("merchant", query.merchant());
        response.put("tokenTerm", query.tokenTerm());
        response.put("bound", "1".equals(payload.field("CAUtokenCreateStatus")));
        String date = payload.field("CAUtokenCreateDate");
        if (date != null && date.matches("\\d{8}")) {
            response.put("boundOn", date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6));
        }
        response.put("providerStatus", payload.status());
        return new CommandResult(NewebPay.ID, query.merchant(), null, List.of(), response);
    }

}
