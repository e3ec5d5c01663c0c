/** Service state: sc query and systemctl status. */
package dev.vpndiag.plugin.offload.internal.service;
