/**
 * What rules conclude. A rule (built-in or host-supplied DRL) matches facts and inserts these
 * records; the engine then applies the causal chain, weighs support against contradiction with
 * the priors and weights of its ranking data, and builds the {@link dev.vpndiag.api.Diagnosis}.
 *
 * <p>Weights are named, not written as numbers in rules: {@code new CauseSupport("ESP_BLOCKED",
 * "esp-one-way", ...)} looks up {@code ESP_BLOCKED.esp-one-way} in the ranking data.
 */
package dev.vpndiag.api.rule;
