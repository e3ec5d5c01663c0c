/** Implementation of the offload plugin; not part of its API. */
package dev.vpndiag.plugin.offload.internal;
