package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/error-codes.md} names every RAS/IKE error code a built-in rule weighs. */
class ErrorCodesDocTest {
    private static final String[] RULE_SETS = {"path", "ike-main-mode", "ike-quick-mode", "esp", "l2tp", "ppp", "mppe"};

    @Test
    void everyCodeARuleWeighsIsDocumented() throws IOException {
        Set<Integer> weighed = new TreeSet<>();
        Pattern ras = Pattern.compile("RasError\\(([^)]*)\\)");
        Pattern code = Pattern.compile("code == (-?\\d+)");
        Path rules = Path.of("..", "sdk-core", "src", "main", "resources", "dev", "vpndiag", "rules");
        for (String set : RULE_SETS) {
            Matcher r = ras.matcher(Files.readString(rules.resolve(set + ".drl")));
            while (r.find()) {
                Matcher m = code.matcher(r.group(1));
                while (m.find()) {
                    weighed.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        String doc = Files.readString(Path.of("..", "docs", "error-codes.md"));
        Set<Integer> missing = new TreeSet<>();
        for (int c : weighed) {
            if (!Pattern.compile("\\|[^\\n]*(?<![\\d-])" + c + "\\b[^\\n]*\\|").matcher(doc).find()) {
                missing.add(c);
            }
        }
        assertThat(weighed).isNotEmpty();
        assertThat(missing).as("codes weighed by a rule but missing from docs/error-codes.md").isEmpty();
    }
}
