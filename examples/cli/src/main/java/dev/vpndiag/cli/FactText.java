package dev.vpndiag.cli;

import dev.vpndiag.api.fact.Fact;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Set;

/**
 * One fact as one readable line: where it was read, side, time, type, then its other fields as
 * {@code name=value}, leaving out those not shown (null). SPIs print in hex as every IPsec tool shows them.
 */
final class FactText {
    private static final Set<String> HEADER = Set.of("ref", "side", "time");

    private FactText() {
    }

    static String line(Fact f) {
        StringBuilder sb = new StringBuilder();
        sb.append(f.ref()).append("  ").append(f.side()).append("  ");
        if (f.time() != null) {
            sb.append(f.time()).append("  ");
        }
        sb.append(f.getClass().getSimpleName());
        RecordComponent[] components = f.getClass().getRecordComponents();
        if (components == null) {
            return sb.append("  ").append(f).toString();
        }
        for (RecordComponent c : components) {
            if (HEADER.contains(c.getName())) {
                continue;
            }
            Object value;
            try {
                value = c.getAccessor().invoke(f);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (value == null) {
                continue;
            }
            sb.append("  ").append(c.getName()).append('=');
            if (value instanceof Long spi && c.getName().toLowerCase(java.util.Locale.ROOT).endsWith("spi")) {
                sb.append("0x").append(Long.toHexString(spi));
            } else {
                String text = value.toString();
                sb.append(text.isEmpty() || text.indexOf(' ') >= 0 ? '"' + text + '"' : text);
            }
        }
        return sb.toString();
    }
}
