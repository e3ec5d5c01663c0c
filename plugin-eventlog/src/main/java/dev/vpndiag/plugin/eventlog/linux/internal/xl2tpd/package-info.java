/** xl2tpd: L2TP tunnel and call setup, retries, StopCCN and CDN result codes. */
package dev.vpndiag.plugin.eventlog.linux.internal.xl2tpd;
