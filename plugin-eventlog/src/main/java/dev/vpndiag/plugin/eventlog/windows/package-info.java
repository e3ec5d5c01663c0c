/**
 * Windows event logs (EVTX, XML, CSV and text exports, audit policy) and Windows text as users paste
 * it to IKE, IPsec, RAS, service, certificate and audit-coverage facts. The public entry point is {@link
 * dev.vpndiag.plugin.eventlog.windows.WindowsEventLogProvider}.
 */
package dev.vpndiag.plugin.eventlog.windows;
