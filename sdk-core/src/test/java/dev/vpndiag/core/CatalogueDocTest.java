package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.core.internal.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code docs/catalogue.md} is what {@link CatalogueDoc} renders from the catalogue resource. */
class CatalogueDocTest {

    @Test
    void committedCatalogueDocumentIsUpToDate() throws IOException {
        if (Boolean.getBoolean("vpndiag.regenerateDocs")) {
            CatalogueDoc.main(new String[0]);
        }
        String expected = CatalogueDoc.render(Catalogue.builtIn());
        assertThat(Files.exists(CatalogueDoc.DOC)).as("docs/catalogue.md is missing; create it with: %s", CatalogueDoc.REGENERATE)
                .isTrue();
        String committed = Files.readString(CatalogueDoc.DOC);
        assertThat(committed.equals(expected))
                .as("docs/catalogue.md differs from catalogue.json; regenerate it with: %s", CatalogueDoc.REGENERATE)
                .isTrue();
    }

    @Test
    void documentNamesEveryIdWithItsLayerAndRemediation() {
        Catalogue catalogue = Catalogue.builtIn();
        String md = CatalogueDoc.render(catalogue);
        for (CatalogueEntry e : catalogue.causes()) {
            assertThat(md).contains("## " + e.id() + "\n").contains("(layer " + e.layer() + ", fails at " + CatalogueDoc.failsAt(e, " or ") + ")")
                    .contains(e.remediation().get(0));
        }
        for (CatalogueEntry e : catalogue.entries()) {
            assertThat(md).contains(e.id());
        }
        assertThat(md).contains("(layer PATH, fails at IKE_MAIN_MODE or ESP)")
                .contains("| PATH | IKE_MAIN_MODE, ESP |");
    }
}
