/** Host clock: date and Get-Date output against the capture's reference time; w32tm status. */
package dev.vpndiag.plugin.offload.internal.clock;
