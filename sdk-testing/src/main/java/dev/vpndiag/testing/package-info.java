/**
 * Test support for plugin authors and hosts: {@link dev.vpndiag.testing.ProviderRun} runs a
 * provider over evidence without the engine; {@link dev.vpndiag.testing.DiagnosisAssert} asserts
 * on diagnoses.
 */
package dev.vpndiag.testing;
