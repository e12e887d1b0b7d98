package tw.twpay.hub.sandbox.newebpay;

import tw.twpay.hub.provider.newebpay.NewebPayCheckCodes;
import tw.twpay.hub.provider.newebpay.NewebPayMerchantKind;

/**
 * A merchant as the simulated gateway knows it: a configured merchant whose environment is sandbox, with the
 * gateway's side of the crypto. Never prints its keys.
 */
public record SandboxMerchant(
        String alias,
        String merchantId,
        NewebPayMerchantKind kind,
        boolean passkey,
        SandboxCodec codec,
        NewebPayCheckCodes checkCodes) {

    @Override
    public String toString() {
        return "SandboxMerchant[" + alias + ", " + merchantId + ", " + kind + "]";
    }
}
