/** Reading command output as lines and handing each block to the format that knows it. */
package dev.vpndiag.plugin.offload.internal.text;
