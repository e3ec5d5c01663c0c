/** Registry state: .reg exports, reg query output and the netsh advfirewall equivalent of a value. */
package dev.vpndiag.plugin.offload.internal.registry;
