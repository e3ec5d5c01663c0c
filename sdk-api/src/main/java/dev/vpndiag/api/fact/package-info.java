/**
 * The fact vocabulary shared by providers and rules: immutable records, each carrying its
 * {@link dev.vpndiag.api.fact.EvidenceRef}, {@link dev.vpndiag.api.Side} and time. Providers emit
 * them; built-in and host-supplied rules match on them.
 */
package dev.vpndiag.api.fact;
