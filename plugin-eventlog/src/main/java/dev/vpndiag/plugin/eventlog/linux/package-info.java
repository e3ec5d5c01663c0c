/**
 * Linux VPN daemon logs: strongSwan (charon logs, {@code ipsec statusall},
 * {@code swanctl --list-sas}), libreswan pluto, xl2tpd and pppd, as plain files, syslog or
 * {@code journalctl} exports. {@link dev.vpndiag.plugin.eventlog.linux.LinuxLogProvider} is the
 * entry point.
 */
package dev.vpndiag.plugin.eventlog.linux;
