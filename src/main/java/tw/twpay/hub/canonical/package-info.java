/**
 * The canonical model ERPs receive, whichever gateway moved the money. Plain records and enums only:
 * nothing here may import Camel, Spring or a provider package, so the model can be shared with ERP teams as is.
 */
package tw.twpay.hub.canonical;
