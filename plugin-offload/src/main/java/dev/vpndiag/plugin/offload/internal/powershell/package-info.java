/** PowerShell table and list output of Get-Service and the NetAdapter IPsec offload cmdlets. */
package dev.vpndiag.plugin.offload.internal.powershell;
