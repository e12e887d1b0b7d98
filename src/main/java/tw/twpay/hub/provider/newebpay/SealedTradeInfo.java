package tw.twpay.hub.provider.newebpay;

/**
 * An encrypted NewebPay request body and its signature: TradeInfo/TradeSha for MPG, EncryptData_/HashData_ for the
 * token and e-wallet APIs (same formulas under different field names).
 *
 * @param tradeInfo lower-case hex AES-256-CBC ciphertext
 * @param tradeSha  upper-case hex SHA-256 of {@code HashKey={key}&{tradeInfo}&HashIV={iv}}
 */
public record SealedTradeInfo(String tradeInfo, String tradeSha) {
}
