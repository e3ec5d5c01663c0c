/**
 * A reader for the Windows XML Event Log (EVTX) binary format, written from the format
 * documentation: file header, 64 KiB chunks with string and template tables, event records and
 * Binary XML with templates and substitutions. Internal; not part of the public API.
 */
package dev.vpndiag.plugin.eventlog.windows.internal.evtx;
