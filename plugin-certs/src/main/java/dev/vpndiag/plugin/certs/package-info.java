/**
 * Certificate stores to facts ({@link dev.vpndiag.plugin.certs.CertsProvider}) and chain validation
 * across the two sides of a connection ({@link dev.vpndiag.plugin.certs.CertsDeriver}).
 */
package dev.vpndiag.plugin.certs;
