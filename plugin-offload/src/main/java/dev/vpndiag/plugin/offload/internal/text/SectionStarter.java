package dev.vpndiag.plugin.offload.internal.text;

import dev.vpndiag.api.fact.Platform;

/** Recognises the first line of a format's section. */
@FunctionalInterface
public interface SectionStarter {

    /** A section started by this line, or null when the line does not start one. */
    Section start(Line line, ReadContext context);

    /** The software whose output this format is, or null when several write it (a {@code date} line). */
    default Platform platform() {
        return null;
    }
}
