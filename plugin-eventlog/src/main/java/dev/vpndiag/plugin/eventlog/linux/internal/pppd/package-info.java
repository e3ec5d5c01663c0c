/** pppd: LCP, authentication (PAP, CHAP, MS-CHAP, EAP), CCP/MPPE and IPCP outcomes. */
package dev.vpndiag.plugin.eventlog.linux.internal.pppd;
