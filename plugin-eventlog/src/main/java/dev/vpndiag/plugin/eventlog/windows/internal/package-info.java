/** Internal model shared by the Windows event log readers; not part of the public API. */
package dev.vpndiag.plugin.eventlog.windows.internal;
