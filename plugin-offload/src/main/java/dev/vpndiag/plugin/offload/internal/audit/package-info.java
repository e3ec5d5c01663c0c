/** Audit policy: whether IKE events are recorded at all. */
package dev.vpndiag.plugin.offload.internal.audit;
