/** macOS's racoon, the IKEv1 daemon of the built-in L2TP/IPsec client. */
package dev.vpndiag.plugin.eventlog.linux.internal.racoon;
