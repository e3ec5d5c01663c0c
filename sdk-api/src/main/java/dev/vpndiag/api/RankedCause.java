package dev.vpndiag.api;

import java.util.List;

/**
 * A root cause that explains the failed layer, with its confidence among the live causes.
 *
 * @param id           stable catalogue id, such as {@code ESP_BLOCKED}
 * @param layer        the catalogue layer of the cause
 * @param confidence   0..1, normalised among the ranked causes and an allowance for causes the
 *                     evidence cannot see
 * @param title        short human title
 * @param explanation  why this cause is believed, naming the decisive evidence
 * @param evidence     evidence that supports it
 * @param contradicting evidence that speaks against it
 * @param remediation  what to do, in order
 * @param references   documents to read
 */
public record RankedCause(String id, Layer layer, double confidence, String title, String explanation,
                          List<Citation> evidence, List<Citation> contradicting, List<String> remediation,
                          List<String> references) {
    /** Copies the lists. */
    public RankedCause {
        evidence = List.copyOf(evidence);
        contradicting = List.copyOf(contradicting);
        remediation = List.copyOf(remediation);
        references = List.copyOf(references);
    }
}
