/** IPsec counters in the IP Security Monitor style. */
package dev.vpndiag.plugin.offload.internal.stats;
