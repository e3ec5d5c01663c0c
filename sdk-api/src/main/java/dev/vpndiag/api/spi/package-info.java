/**
 * What a plugin implements to teach vpndiag a new evidence format: a {@link
 * dev.vpndiag.api.spi.FactProvider} registered through {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.vpndiag.api.spi.FactProvider}.
 */
package dev.vpndiag.api.spi;
