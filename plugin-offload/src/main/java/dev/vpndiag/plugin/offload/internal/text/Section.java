package dev.vpndiag.plugin.offload.internal.text;

/** One block of one command's output, fed line by line until it ends. */
public interface Section {

    /**
     * Offers the next line.
     *
     * @return false when the line is not part of this section; the section is then finished and the
     *         line is offered to the other formats
     */
    boolean accept(Line line);

    /** Ends the section and emits what it still holds. */
    void finish();
}
