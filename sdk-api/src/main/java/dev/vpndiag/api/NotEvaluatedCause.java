package dev.vpndiag.api;

/**
 * A catalogue cause the diagnosis could not judge, and why: its layer was not reached, or no
 * evidence that could show it was given (the reason names that evidence).
 *
 * @param id     catalogue id
 * @param reason why it was not judged
 */
public record NotEvaluatedCause(String id, String reason) {
}
