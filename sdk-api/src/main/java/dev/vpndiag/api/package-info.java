/**
 * The host-facing surface of vpndiag: hand an {@link dev.vpndiag.api.EvidenceBundle} to a
 * {@link dev.vpndiag.api.DiagnosticEngine} and read the {@link dev.vpndiag.api.Diagnosis}.
 *
 * <p>Everything in this package and its sub-packages is stable public API and depends on the JDK
 * only. Fact providers (plugins) need nothing else; rule authors use {@code dev.vpndiag.api.fact}
 * and {@code dev.vpndiag.api.rule}.
 */
package dev.vpndiag.api;
