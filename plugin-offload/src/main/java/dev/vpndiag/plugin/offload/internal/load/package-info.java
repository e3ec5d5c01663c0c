/** Host CPU load from {@code top}, {@code mpstat} and {@code typeperf} output. */
package dev.vpndiag.plugin.offload.internal.load;
