package dev.vpndiag.api;

import java.util.List;

/**
 * One known root cause or evidence-quality finding, as the engine's catalogue describes it.
 *
 * @param id          stable id (public contract, never renamed)
 * @param kind        whether this is a root cause or a finding about the evidence
 * @param layer       the layer the cause belongs to (null for findings)
 * @param failsAt     the layer of the chain whose failure it produces (null for findings)
 * @param title       short title
 * @param description what goes wrong
 * @param decisiveEvidence what evidence shows it, in words
 * @param remediation what to do, in order
 * @param references  documents to read
 */
public record CatalogueEntry(String id, Kind kind, Layer layer, Layer failsAt, String title, String description,
                             String decisiveEvidence, List<String> remediation, List<String> references) {
    /** Copies the lists. */
    public CatalogueEntry {
        remediation = List.copyOf(remediation);
        references = List.copyOf(references);
    }

    /** What a catalogue entry describes. */
    public enum Kind {
        /** A root cause of a failed connection. */
        CAUSE,
        /** A statement about the evidence (auditing off, one side only, ...). */
        FINDING
    }
}
