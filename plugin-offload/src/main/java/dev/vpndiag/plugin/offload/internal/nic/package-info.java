/** Network adapter offload: netsh offload listings and Linux ethtool features and counters. */
package dev.vpndiag.plugin.offload.internal.nic;
