/**
 * Host state to facts: network adapter IPsec offload, registry values, IPsec counters, service
 * state and the host clock, read from command output and registry exports.
 */
package dev.vpndiag.plugin.offload;
