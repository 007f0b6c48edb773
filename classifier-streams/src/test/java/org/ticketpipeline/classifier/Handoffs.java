package org.ticketpipeline.classifier;

import java.util.List;
import org.ticketpipeline.schemas.Signature;
import org.ticketpipeline.schemas.SignatureRole;
import org.ticketpipeline.schemas.SupportHandoff;

/**
 * A support handoff signed by the CS lead and the trio: what a release needs to be watched. It names no Tier-1
 * question, which the ingest now asks for and the classifier still watches (a release taken before it asked).
 */
public final class Handoffs {

    private Handoffs() {
    }

    public static SupportHandoff signed() {
        return SupportHandoff.newBuilder().setKnownIssues("Exports over 1 GB still time out.").setWorkarounds("Macro: export by month.")
                .setCustomerComms("Release note sent on Monday.").setEscalateTo("#ledger-oncall")
                .setSignatures(List.of(new Signature(SignatureRole.CS_LEAD, "Ana", null), new Signature(SignatureRole.PRODUCT_OWNER, "Ben", null),
                        new Signature(SignatureRole.DESIGNER, "Chi", null), new Signature(SignatureRole.TECH_LEAD, "Dev", null)))
                .build();
    }
}
