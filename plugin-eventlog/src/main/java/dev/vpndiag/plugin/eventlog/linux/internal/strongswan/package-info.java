/**
 * strongSwan: charon daemon log lines (file log, syslog, journal; IKEv1 and IKEv2), {@code ipsec up}
 * output, {@code ipsec statusall} and {@code swanctl --list-sas} outputs.
 */
package dev.vpndiag.plugin.eventlog.linux.internal.strongswan;
