/** libreswan (and Openswan) pluto log lines, IKEv1 and IKEv2, kept apart by state number. */
package dev.vpndiag.plugin.eventlog.linux.internal.libreswan;
