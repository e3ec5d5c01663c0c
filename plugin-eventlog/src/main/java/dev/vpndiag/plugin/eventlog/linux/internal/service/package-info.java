/** Service manager lines (systemd, the strongSwan starter, OpenWrt's procd): when the VPN daemons start, fail and die. */
package dev.vpndiag.plugin.eventlog.linux.internal.service;
