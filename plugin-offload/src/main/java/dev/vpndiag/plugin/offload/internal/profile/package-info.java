/**
 * VPN connection settings: Windows phonebook entries ({@code rasphone.pbk}), {@code Get-VpnConnection}
 * objects, strongSwan {@code ipsec.conf} connections and {@code swanctl.conf} connections, each
 * becoming a {@link dev.vpndiag.api.fact.ConnectionProfile}.
 */
package dev.vpndiag.plugin.offload.internal.profile;
