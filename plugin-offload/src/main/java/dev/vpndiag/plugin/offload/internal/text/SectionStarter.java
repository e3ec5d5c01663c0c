package dev.vpndiag.plugin.offload.internal.text;

/** Recognises the first line of a format's section. */
@FunctionalInterface
public interface SectionStarter {

    /** A section started by this line, or null when the line does not start one. */
    Section start(Line line, ReadContext context);
}
