/**
 * Internals of the engine: not public API, may change in any release. Hosts use
 * {@link dev.vpndiag.core.VpnDiag} and the types of {@code dev.vpndiag.api}.
 */
package dev.vpndiag.core.internal;
