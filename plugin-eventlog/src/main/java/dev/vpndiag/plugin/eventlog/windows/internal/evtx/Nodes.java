package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

/** The Binary XML tree as parsed from a chunk; content items are String, Subst, Elem or Instance. */
final class Nodes {
    private Nodes() {
    }

    /** An element with its attributes and content. */
    record Elem(String name, Attr[] attrs, Object[] content) {
    }

    /** An attribute; its value parts are String or Subst. */
    record Attr(String name, Object[] parts) {
    }

    /** A substitution placeholder inside a template. */
    record Subst(int index, int type, boolean optional) {
    }

    /** A parsed template definition. */
    record Template(Object[] content) {
    }

    /** A template instance: the template and where its substitution values are in the chunk. */
    record Instance(Template template, Values values) {
    }

    /** The substitution values of one template instance, as offsets into the chunk buffer. */
    record Values(int[] offset, int[] size, int[] type) {
        int count() {
            return offset.length;
        }
    }
}
