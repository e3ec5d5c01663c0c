package dev.vpndiag.plugin.offload.internal.audit;

import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code auditpol /get /category:*} (Vista and later, English): {@code System audit policy},
 * {@code Category/Subcategory  Setting}, category lines and indented subcategory lines. The
 * {@code IPsec Main Mode} subcategory holds the IKE main-mode success and failure events (4650,
 * 4651, 4653, 4655), so its setting gives one {@link AuditCoverage}.
 */
public final class AuditPolicy implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern SUBCATEGORY = Pattern.compile(
            "^\\s{2,}(\\S.*?)\\s{2,}(No Auditing|Success and Failure|Success|Failure)\\s*$");
    private static final Pattern CATEGORY = Pattern.compile("^[A-Z][A-Za-z/ -]{2,60}$");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text().strip();
        return t.equals("System audit policy") || t.startsWith("Category/Subcategory") ? new Block(context) : null;
    }

    private static final class Block implements Section {
        private final ReadContext context;

        Block(ReadContext context) {
            this.context = context;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.strip().startsWith("Category/Subcategory") || t.strip().equals("System audit policy")) {
                return true;
            }
            Matcher m = SUBCATEGORY.matcher(t);
            if (m.matches()) {
                if (m.group(1).equalsIgnoreCase("IPsec Main Mode")) {
                    String setting = m.group(2);
                    context.emit(new AuditCoverage(context.ref(line.locator()), context.side(), null,
                            setting.contains("Failure"), setting.contains("Success"),
                            "auditpol IPsec Main Mode: " + setting));
                }
                return true;
            }
            return CATEGORY.matcher(t).matches();
        }

        @Override
        public void finish() {
        }
    }
}
