/**
 * Line reading for Linux text logs: byte-level line splitting with binary and oversized line
 * accounting, envelope parsing (file log, syslog, journal short and JSON exports) and the
 * per-file context that turns lines into fact references.
 */
package dev.vpndiag.plugin.eventlog.linux.internal.text;
